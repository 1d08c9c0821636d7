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
    public static void Build(NpgsqlCommand command, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues)
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

        var sql = new StringBuilder("SELECT snapshot FROM compute_servers");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order.Select(PostgresOrderBy.Term));
        sql.Append(" LIMIT @limit;");
        parameters.AddWithValue("limit", query.Limit);
        command.CommandText = sql.ToString();
    }

    /// <summary>
    /// Live rows always; hard-deleted rows with IncludeDeleted; soft-deleted rows (not deleted, vm_state soft-delete)
    /// with IncludeSoftDeleted. Null when everything is visible.
    /// </summary>
    private static string? Visibility(ServerQuery query) => (query.IncludeDeleted, query.IncludeSoftDeleted) switch
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
