using System.Text;
using Npgsql;
using NpgsqlTypes;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite.Index;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Postgres.Index;

/// <summary>
/// Writes the page query of a <see cref="ServerQuery"/> into a command; the PostgreSQL twin of the SQLite one,
/// filter for filter. Values are always parameters; the only identifiers in the text come from
/// <see cref="ServerSortColumns"/>.
/// </summary>
internal static class ServerPageCommand
{
    /// <summary>
    /// Builds the page query. Regular-expression filters are not SQL here (PostgreSQL's regex dialect is not .NET's):
    /// with <paramref name="patternsInCode"/> the query also selects, after the snapshot, the row's sort values (the
    /// next batch's keyset marker) and each pattern's field text, and the index evaluates the patterns in .NET batch
    /// by batch until the page is full.
    /// </summary>
    public static void Build(NpgsqlCommand command, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues, bool patternsInCode = false)
    {
        var parameters = command.Parameters;
        var where = new List<string>();

        if (query.ProjectId is not null)
        {
            where.Add("project_id = @project_id");
            parameters.AddWithValue("project_id", query.ProjectId);
        }

        if (Visibility(query) is { } visibility)
        {
            where.Add(visibility);
            parameters.AddWithValue("soft_deleted", VmState.SoftDeleted);
        }

        if (query.VmStates is not null)
        {
            where.Add(AnyOf("vm_state", "vm_states", query.VmStates, parameters));
        }

        if (query.TaskStates is not null)
        {
            where.Add(AnyOf("task_state", "task_states", query.TaskStates, parameters));
        }

        if (query.ReservationId is not null)
        {
            where.Add("reservation_id = @reservation_id");
            parameters.AddWithValue("reservation_id", query.ReservationId);
        }

        AddExact(where, parameters, "user_id", query.UserId);
        AddExact(where, parameters, "image_ref", query.ImageRef);
        AddExact(where, parameters, "flavor_id", query.FlavorId);
        AddExact(where, parameters, "host", query.Host);
        if (query.Uuid is { } uuid)
        {
            where.Add("id = @uuid");
            parameters.AddWithValue("uuid", uuid);
        }

        if (query.Locked is { } locked)
        {
            where.Add("locked = @locked");
            parameters.AddWithValue("locked", locked);
        }

        if (query.ImageRefs is not null)
        {
            where.Add(AnyOf("image_ref", "image_refs", query.ImageRefs, parameters));
        }

        AddTags(where, parameters, query);

        if (query.ChangesSince is { } since)
        {
            where.Add("updated_at >= @changes_since");
            parameters.AddWithValue("changes_since", UnixMicroseconds.From(since));
        }

        if (query.ChangesBefore is { } before)
        {
            where.Add("updated_at <= @changes_before");
            parameters.AddWithValue("changes_before", UnixMicroseconds.From(before));
        }

        if (markerValues is not null)
        {
            where.Add(KeysetPredicate.Build(order, markerValues, parameters));
        }

        var sql = new StringBuilder("SELECT snapshot");
        if (patternsInCode)
        {
            foreach (var term in order)
            {
                sql.Append(", ").Append(term.Column.Column);
            }

            foreach (var pattern in query.Patterns)
            {
                sql.Append(", ").Append(ServerTextColumns.Expression(pattern.Field));
            }
        }

        sql.Append(" FROM compute_servers");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order.Select(PostgresOrderBy.Term));
        sql.Append(" LIMIT @limit;");
        parameters.AddWithValue("limit", query.Limit);
        command.CommandText = sql.ToString();
    }

    private static void AddExact(List<string> where, NpgsqlParameterCollection parameters, string column, string? value)
    {
        if (value is not null)
        {
            where.Add($"{column} = @{column}");
            parameters.AddWithValue(column, value);
        }
    }

    /// <summary>
    /// The four tag filters as array operators: "has all" is containment, "not all" its negation, "any" an overlap
    /// and "none" its negation. Tags compare exactly, with case; an empty list behaves as in the SQLite index.
    /// </summary>
    private static void AddTags(List<string> where, NpgsqlParameterCollection parameters, ServerQuery query)
    {
        (IReadOnlyList<string>? Tags, string Name, string Predicate)[] filters =
        [
            (query.TagsAll, "tags_all", "tags @> @tags_all"),
            (query.TagsAny, "tags_any", "tags && @tags_any"),
            (query.NotTagsAll, "not_tags_all", "NOT (tags @> @not_tags_all)"),
            (query.NotTagsAny, "not_tags_any", "NOT (tags && @not_tags_any)"),
        ];
        foreach (var (tags, name, predicate) in filters)
        {
            if (tags is not null)
            {
                parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags.Distinct(StringComparer.Ordinal).ToArray() });
                where.Add(predicate);
            }
        }
    }

    /// <summary>
    /// Live rows unless ExcludeLive; hard-deleted rows with IncludeDeleted; soft-deleted rows (not deleted, vm_state
    /// soft-delete) with IncludeSoftDeleted. Null when everything is visible.
    /// </summary>
    private static string? Visibility(ServerQuery query) => query.ExcludeLive
        ? (query.IncludeDeleted, query.IncludeSoftDeleted) switch
        {
            (false, false) => "FALSE",
            (true, false) => "deleted",
            (false, true) => "(NOT deleted AND vm_state = @soft_deleted)",
            (true, true) => "(deleted OR vm_state = @soft_deleted)",
        }
        : (query.IncludeDeleted, query.IncludeSoftDeleted) switch
    {
        (false, false) => "(NOT deleted AND vm_state <> @soft_deleted)",
        (true, false) => "(deleted OR vm_state <> @soft_deleted)",
        (false, true) => "NOT deleted",
        (true, true) => null,
    };

    // One array parameter: an empty list matches nothing, as "one of these" says (PostgreSQL has no empty IN ()).
    private static string AnyOf(string column, string name, IReadOnlyList<string> values, NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
        return $"{column} = ANY(@{name})";
    }
}
