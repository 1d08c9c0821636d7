using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>A server index on a fresh database of one backend; the index suite runs unchanged against each.</summary>
public abstract class IndexBackend : IAsyncDisposable
{
    public abstract IServerIndex Index { get; }

    /// <summary>SELECT count(*) FROM compute_servers WHERE <paramref name="where"/>, straight from the table.</summary>
    public abstract Task<long> CountRowsAsync(string where);

    public abstract ValueTask DisposeAsync();
}
