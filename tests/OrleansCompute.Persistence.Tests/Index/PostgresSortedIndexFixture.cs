namespace OrleansCompute.Persistence.Tests.Index;

public sealed class PostgresSortedIndexFixture : SortedIndexFixture
{
    protected override Task<IndexBackend> CreateBackendAsync() => PostgresIndexBackend.CreateAsync();
}
