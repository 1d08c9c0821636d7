using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// The server index on SQLite: upserts through the gated write connections, list pages through the ungated read
/// connections (in WAL mode they run beside the one writer), SQL in <see cref="SqliteIndexDialect"/>.
/// </summary>
public sealed class SqliteServerIndex : AdoNetServerIndex
{
    public SqliteServerIndex(SqliteComputeDatabase database)
        : base((database ?? throw new ArgumentNullException(nameof(database))).WriteDataSource, database.ReadDataSource, SqliteIndexDialect.Instance)
    {
    }
}
