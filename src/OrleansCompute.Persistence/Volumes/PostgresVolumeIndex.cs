using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Persistence.Volumes;

/// <summary>The block storage index on PostgreSQL (cluster mode), next to the server index.</summary>
public sealed class PostgresVolumeIndex(PostgresComputeDatabase database)
    : AdoNetVolumeIndex(database.DataSource, database.DataSource, PostgresIndexDialect.Instance);
