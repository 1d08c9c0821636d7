using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Volumes;

/// <summary>The block storage index in the embedded SQLite file, next to the server index.</summary>
public sealed class SqliteVolumeIndex(SqliteComputeDatabase database)
    : AdoNetVolumeIndex(database.WriteDataSource, database.ReadDataSource, SqliteIndexDialect.Instance);
