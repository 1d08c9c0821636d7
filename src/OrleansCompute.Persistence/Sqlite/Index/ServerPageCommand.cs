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

    /// <summary>
    /// Live rows always; hard-deleted rows with IncludeDeleted; soft-deleted rows (not deleted, vm_state soft-delete)
    /// with IncludeSoftDeleted. Null when everything is visible.
    /// </summary>
    private static string? Visibility(ServerQuery query) => (query.IncludeDeleted, query.IncludeSoftDeleted) switch
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
