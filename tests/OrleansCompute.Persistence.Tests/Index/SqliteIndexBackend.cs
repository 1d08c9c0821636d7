using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Index;

public sealed class SqliteIndexBackend : IndexBackend
{
    private SqliteIndexBackend(TempDatabase temp)
    {
        Temp = temp;
        Index = new SqliteServerIndex(temp.Database);
    }

    public TempDatabase Temp { get; }

    public override IServerIndex Index { get; }

    public static async Task<IndexBackend> CreateAsync() => new SqliteIndexBackend(await TempDatabase.CreateAsync());

    public override async Task<long> CountRowsAsync(string where) =>
        await SqlHelper.ScalarAsync<long>(Temp.Database.ReadDataSource, $"SELECT count(*) FROM compute_servers WHERE {where};");

    public override ValueTask DisposeAsync() => Temp.DisposeAsync();
}
