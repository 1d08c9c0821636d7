using System.Data.Common;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Telemetry;

/// <summary>
/// Counts the servers that are not deleted, by Nova status, with one grouped query on the server index: the
/// cluster-wide figure behind the <c>compute.servers</c> gauge, read without calling a single grain.
/// </summary>
public sealed class ServerStatusCensus
{
    // deleted is a boolean on PostgreSQL and 0/1 on SQLite; both read it as a truth value.
    private const string Sql = "SELECT vm_state, task_state, count(*) FROM compute_servers WHERE NOT deleted GROUP BY vm_state, task_state;";

    private readonly DbDataSource _dataSource;

    private ServerStatusCensus(DbDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    /// <summary>The census of embedded mode's SQLite index (read connections).</summary>
    public static ServerStatusCensus For(SqliteComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new ServerStatusCensus(database.ReadDataSource);
    }

    /// <summary>The census of cluster mode's PostgreSQL index.</summary>
    public static ServerStatusCensus For(PostgresComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new ServerStatusCensus(database.DataSource);
    }

    /// <summary>
    /// Server counts by status. Synchronous on purpose: it runs inside a metrics collection callback, which is
    /// synchronous; the query is one index scan of a few columns.
    /// </summary>
    public IReadOnlyDictionary<string, long> Count()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = _dataSource.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var status = ServerStatusMapper.ToStatus(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            counts[status] = counts.GetValueOrDefault(status) + reader.GetInt64(2);
        }

        return counts;
    }
}
