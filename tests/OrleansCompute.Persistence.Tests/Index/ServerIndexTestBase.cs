using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>A fresh database and index per test (creating one takes milliseconds).</summary>
public abstract class ServerIndexTestBase : IAsyncLifetime
{
    protected TempDatabase Temp { get; private set; } = null!;

    protected SqliteServerIndex Index { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Temp = await TempDatabase.CreateAsync();
        Index = new SqliteServerIndex(Temp.Database);
    }

    public async Task DisposeAsync() => await Temp.DisposeAsync();

    protected async Task UpsertAllAsync(IEnumerable<ServerSnapshot> servers)
    {
        foreach (var server in servers)
        {
            await Index.UpsertAsync(server);
        }
    }

    protected async Task<List<Guid>> IdsAsync(ServerQuery query) => [.. (await Index.QueryAsync(query)).Select(server => server.Id)];
}
