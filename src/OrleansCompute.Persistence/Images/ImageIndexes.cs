using OrleansCompute.Images;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Images;

/// <summary>The image index on each database, next to the server index (same data sources).</summary>
public static class ImageIndexes
{
    public static IImageIndex Beside(IServerIndex serverIndex) => serverIndex switch
    {
        AdoNetServerIndex adoNet => new AdoNetImageIndex(adoNet.DataSources.Write, adoNet.DataSources.Read),
        _ => throw new InvalidOperationException(
            $"The image index lives beside an ADO.NET server index; register an {nameof(IImageIndex)} for {serverIndex?.GetType().Name}."),
    };

    public static IImageIndex For(SqliteComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new AdoNetImageIndex(database.WriteDataSource, database.ReadDataSource);
    }

    public static IImageIndex For(PostgresComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new AdoNetImageIndex(database.DataSource, database.DataSource);
    }
}
