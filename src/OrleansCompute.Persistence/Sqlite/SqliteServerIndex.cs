using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// The server index on SQLite: upserts group-committed (each answered after its transaction committed, together with the concurrent grain-state writes), list pages through the ungated read
/// connections (in WAL mode they run beside the one writer), SQL in <see cref="SqliteIndexDialect"/>.
/// </summary>
public sealed class SqliteServerIndex : AdoNetServerIndex
{
    public SqliteServerIndex(SqliteComputeDatabase database)
        : base((database ?? throw new ArgumentNullException(nameof(database))).GroupCommitDataSource, database.ReadDataSource, SqliteIndexDialect.Instance)
    {
    }
}
