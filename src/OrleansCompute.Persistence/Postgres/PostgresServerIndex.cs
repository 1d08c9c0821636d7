using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The server index on PostgreSQL (cluster mode): one pooled data source for writes and reads, SQL in
/// <see cref="PostgresIndexDialect"/>, exactly the semantics of the SQLite index.
/// </summary>
public sealed class PostgresServerIndex : AdoNetServerIndex
{
    public PostgresServerIndex(PostgresComputeDatabase database)
        : base((database ?? throw new ArgumentNullException(nameof(database))).DataSource, database.DataSource, PostgresIndexDialect.Instance)
    {
    }
}
