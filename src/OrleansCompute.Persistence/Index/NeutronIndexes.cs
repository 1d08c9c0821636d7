using OrleansCompute.Indexing;
using OrleansCompute.Networking;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Index;

/// <summary>The network index on each database, next to the server index (same data sources).</summary>
public static class NeutronIndexes
{
    /// <summary>
    /// The network index in the server index's database: every host that registers a server index gets the
    /// network index with it, whatever database it chose.
    /// </summary>
    public static INeutronIndex Beside(IServerIndex serverIndex) => serverIndex switch
    {
        AdoNetServerIndex adoNet => new AdoNetNeutronIndex(adoNet.DataSources.Write, adoNet.DataSources.Read),
        _ => throw new InvalidOperationException(
            $"The network index lives beside an ADO.NET server index; register an {nameof(INeutronIndex)} for {serverIndex?.GetType().Name}."),
    };

    public static INeutronIndex For(SqliteComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new AdoNetNeutronIndex(database.WriteDataSource, database.ReadDataSource);
    }

    public static INeutronIndex For(PostgresComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new AdoNetNeutronIndex(database.DataSource, database.DataSource);
    }
}
