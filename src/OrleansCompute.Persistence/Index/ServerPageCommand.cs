using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// Writes the page query of a <see cref="ServerQuery"/> into a command, for any database through its
/// <see cref="ServerIndexDialect"/>. Values are always parameters; the only identifiers in the text come from
/// <see cref="ServerSortColumns"/>.
/// </summary>
internal static class ServerPageCommand
{
    /// <summary>The name of the SQL function that evaluates <c>query.Patterns[index]</c>, where the dialect binds one.</summary>
    public static string PatternFunction(int index) => "oc_match_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the page query leaves the regular-expression filters to .NET: it then also selects, after the
    /// snapshot, the row's sort values (the next batch's keyset marker) and each pattern's field text.
    /// </summary>
    public static bool PatternsInCode(ServerIndexDialect dialect, ServerQuery query) =>
        query.Patterns.Count > 0 && !dialect.MatchesPatternsInSql;

    public static void Build(
        DbCommand command, ServerIndexDialect dialect, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues)
    {
        var where = new List<string>();

        if (query.ProjectId is not null)
        {
            where.Add("project_id = @project_id");
            CommandParameters.Add(command, "@project_id", query.ProjectId);
        }

        if (Visibility(query) is { } visibility)
        {
            where.Add(visibility);
            CommandParameters.Add(command, "@soft_deleted", VmState.SoftDeleted);
        }

        if (query.VmStates is not null)
        {
            where.Add(dialect.OneOf(command, "vm_state", "vm_state", query.VmStates));
        }

        if (query.TaskStates is not null)
        {
            where.Add(dialect.OneOf(command, "task_state", "task_state", query.TaskStates));
        }

        AddExact(where, command, "reservation_id", query.ReservationId);
        AddExact(where, command, "user_id", query.UserId);
        AddExact(where, command, "image_ref", query.ImageRef);
        AddExact(where, command, "flavor_id", query.FlavorId);
        AddExact(where, command, "host", query.Host);
        if (query.Uuid is { } uuid)
        {
            where.Add("id = @uuid");
            CommandParameters.Add(command, "@uuid", dialect.ServerId(uuid));
        }

        if (query.Locked is { } locked)
        {
            where.Add("locked = @locked");
            CommandParameters.Add(command, "@locked", locked, DbType.Boolean);
        }

        if (query.ImageRefs is not null)
        {
            where.Add(dialect.OneOf(command, "image_ref", "image_refs", query.ImageRefs));
        }

        AddTags(where, command, dialect, query);
        if (dialect.MatchesPatternsInSql)
        {
            for (var i = 0; i < query.Patterns.Count; i++)
            {
                where.Add($"{PatternFunction(i)}({ServerTextColumns.Expression(query.Patterns[i].Field, dialect)})");
            }
        }

        if (query.ChangesSince is { } since)
        {
            where.Add("updated_at >= @changes_since");
            CommandParameters.Add(command, "@changes_since", UnixMicroseconds.From(since));
        }

        if (query.ChangesBefore is { } before)
        {
            where.Add("updated_at <= @changes_before");
            CommandParameters.Add(command, "@changes_before", UnixMicroseconds.From(before));
        }

        if (markerValues is not null)
        {
            where.Add(KeysetPredicate.Build(order, markerValues, command));
        }

        var sql = new StringBuilder("SELECT snapshot");
        if (PatternsInCode(dialect, query))
        {
            foreach (var term in order)
            {
                sql.Append(", ").Append(term.Column.Column);
            }

            foreach (var pattern in query.Patterns)
            {
                sql.Append(", ").Append(ServerTextColumns.Expression(pattern.Field, dialect));
            }
        }

        sql.Append(" FROM compute_servers");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order.Select(term => term.Sql));
        sql.Append(" LIMIT @limit;");
        CommandParameters.Add(command, "@limit", query.Limit);
        command.CommandText = sql.ToString();
    }

    private static void AddExact(List<string> where, DbCommand command, string column, string? value)
    {
        if (value is not null)
        {
            where.Add($"{column} = @{column}");
            CommandParameters.Add(command, "@" + column, value);
        }
    }

    /// <summary>
    /// Nova's four tag filters: <c>tags</c> (has all), <c>tags-any</c>, and their negations <c>not-tags</c> and
    /// <c>not-tags-any</c>. Each asks for its tags once (a repeated tag changes nothing).
    /// </summary>
    private static void AddTags(List<string> where, DbCommand command, ServerIndexDialect dialect, ServerQuery query)
    {
        (IReadOnlyList<string>? Tags, string Name, bool All, bool Negated)[] filters =
        [
            (query.TagsAll, "tags_all", true, false),
            (query.TagsAny, "tags_any", false, false),
            (query.NotTagsAll, "not_tags_all", true, true),
            (query.NotTagsAny, "not_tags_any", false, true),
        ];
        foreach (var (tags, name, all, negated) in filters)
        {
            if (tags is null)
            {
                continue;
            }

            var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
            var has = all ? dialect.HasAllTags(command, name, distinct) : dialect.HasAnyTag(command, name, distinct);
            where.Add(negated ? $"NOT ({has})" : has);
        }
    }

    /// <summary>
    /// Live rows unless ExcludeLive; hard-deleted rows with IncludeDeleted; soft-deleted rows (not deleted, vm_state
    /// soft-delete) with IncludeSoftDeleted. Null when everything is visible (an unused @soft_deleted parameter is
    /// harmless). The deleted column is a boolean on PostgreSQL and 0/1 on SQLite; both read it as a truth value.
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
}
