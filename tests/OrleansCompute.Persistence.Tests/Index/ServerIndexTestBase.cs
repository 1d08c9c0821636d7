using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>A fresh database and index per test (creating one takes milliseconds); each backend derives once.</summary>
public abstract class ServerIndexTestBase : IAsyncLifetime
{
    protected IndexBackend Backend { get; private set; } = null!;

    protected IServerIndex Index => Backend.Index;

    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    protected abstract Task<IndexBackend> CreateBackendAsync();

    protected async Task UpsertAllAsync(IEnumerable<ServerSnapshot> servers)
    {
        foreach (var server in servers)
        {
            await Index.UpsertAsync(server);
        }
    }

    protected async Task<List<Guid>> IdsAsync(ServerQuery query) => [.. (await Index.QueryAsync(query)).Select(server => server.Id)];
}
