using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Sqlite.Index;

/// <summary>
/// Writes the page query of a <see cref="ServerQuery"/> into a command. Values are always parameters; the only
/// identifiers in the text come from <see cref="ServerSortColumns"/>.
/// </summary>
internal static class ServerPageCommand
{
    /// <summary>The name of the SQL function that evaluates <c>query.Patterns[index]</c>; the index registers it on the connection.</summary>
    public static string PatternFunction(int index) => "oc_match_" + index.ToString(CultureInfo.InvariantCulture);

    public static void Build(SqliteCommand command, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues)
    {
        var parameters = command.Parameters;
        var where = new List<string>();

        if (query.ProjectId is not null)
        {
            where.Add("project_id = @project_id");
            parameters.AddWithValue("@project_id", query.ProjectId);
        }

        if (Visibility(query) is { } visibility)
        {
            where.Add(visibility);
            parameters.AddWithValue("@soft_deleted", VmState.SoftDeleted);
        }

        if (query.VmStates is not null)
        {
            where.Add(InList("vm_state", "@vm_state_", query.VmStates, parameters));
        }

        if (query.TaskStates is not null)
        {
            where.Add(InList("task_state", "@task_state_", query.TaskStates, parameters));
        }

        if (query.ReservationId is not null)
        {
            where.Add("reservation_id = @reservation_id");
            parameters.AddWithValue("@reservation_id", query.ReservationId);
        }

        AddExact(where, parameters, "user_id", query.UserId);
        AddExact(where, parameters, "image_ref", query.ImageRef);
        AddExact(where, parameters, "flavor_id", query.FlavorId);
        AddExact(where, parameters, "host", query.Host);
        AddExact(where, parameters, "id", query.Uuid is { } uuid ? ServerIds.ToText(uuid) : null);
        if (query.Locked is { } locked)
        {
            where.Add("locked = @locked");
            parameters.AddWithValue("@locked", locked);
        }

        if (query.ImageRefs is not null)
        {
            where.Add(InList("image_ref", "@image_ref_", query.ImageRefs, parameters));
        }

        AddTags(where, parameters, query);
        for (var i = 0; i < query.Patterns.Count; i++)
        {
            where.Add($"{PatternFunction(i)}({ServerTextColumns.Expression(query.Patterns[i].Field)})");
        }

        if (query.ChangesSince is { } since)
        {
            where.Add("updated_at >= @changes_since");
            parameters.AddWithValue("@changes_since", UnixMicroseconds.From(since));
        }

        if (query.ChangesBefore is { } before)
        {
            where.Add("updated_at <= @changes_before");
            parameters.AddWithValue("@changes_before", UnixMicroseconds.From(before));
        }

        if (markerValues is not null)
        {
            where.Add(KeysetPredicate.Build(order, markerValues, parameters));
        }

        var sql = new StringBuilder("SELECT snapshot FROM compute_servers");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order.Select(term => term.Sql));
        sql.Append(" LIMIT @limit;");
        parameters.AddWithValue("@limit", query.Limit);
        command.CommandText = sql.ToString();
    }

    private static void AddExact(List<string> where, SqliteParameterCollection parameters, string column, string? value)
    {
        if (value is not null)
        {
            where.Add($"{column} = @{column}");
            parameters.AddWithValue("@" + column, value);
        }
    }

    /// <summary>
    /// The four tag filters over the JSON array column: "has all" is a count of distinct requested tags present,
    /// "not all" its negation, "any" an EXISTS and "none" a NOT EXISTS. Tags compare exactly, with case.
    /// </summary>
    private static void AddTags(List<string> where, SqliteParameterCollection parameters, ServerQuery query)
    {
        (IReadOnlyList<string>? Tags, string Prefix, Func<string, int, string> Predicate)[] filters =
        [
            (query.TagsAll, "@tags_all_", (list, n) => $"(SELECT count(DISTINCT t.value) FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({list})) = {n}"),
            (query.TagsAny, "@tags_any_", (list, _) => $"EXISTS (SELECT 1 FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({list}))"),
            (query.NotTagsAll, "@not_tags_all_", (list, n) => $"(SELECT count(DISTINCT t.value) FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({list})) < {n}"),
            (query.NotTagsAny, "@not_tags_any_", (list, _) => $"NOT EXISTS (SELECT 1 FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({list}))"),
        ];
        foreach (var (tags, prefix, predicate) in filters)
        {
            if (tags is null)
            {
                continue;
            }

            var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
            var names = new string[distinct.Count];
            for (var i = 0; i < distinct.Count; i++)
            {
                names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
                parameters.AddWithValue(names[i], distinct[i]);
            }

            where.Add(predicate(string.Join(", ", names), distinct.Count));
        }
    }

    /// <summary>
    /// Live rows unless ExcludeLive; hard-deleted rows with IncludeDeleted; soft-deleted rows (not deleted, vm_state
    /// soft-delete) with IncludeSoftDeleted. Null when everything is visible (an unused
    /// @soft_deleted parameter is harmless).
    /// </summary>
    private static string? Visibility(ServerQuery query) => query.ExcludeLive
        ? (query.IncludeDeleted, query.IncludeSoftDeleted) switch
        {
            (false, false) => "0",
            (true, false) => "deleted = 1",
            (false, true) => "(deleted = 0 AND vm_state = @soft_deleted)",
            (true, true) => "(deleted = 1 OR vm_state = @soft_deleted)",
        }
        : (query.IncludeDeleted, query.IncludeSoftDeleted) switch
    {
        (false, false) => "(deleted = 0 AND vm_state <> @soft_deleted)",
        (true, false) => "(deleted = 1 OR vm_state <> @soft_deleted)",
        (false, true) => "deleted = 0",
        (true, true) => null,
    };

    // An empty list matches nothing, as "one of these" says; SQLite accepts the empty IN ().
    private static string InList(string column, string prefix, IReadOnlyList<string> values, SqliteParameterCollection parameters)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
            parameters.AddWithValue(names[i], values[i]);
        }

        return $"{column} IN ({string.Join(", ", names)})";
    }
}
