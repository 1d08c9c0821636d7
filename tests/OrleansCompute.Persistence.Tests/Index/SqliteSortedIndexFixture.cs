namespace OrleansCompute.Persistence.Tests.Index;

public sealed class SqliteSortedIndexFixture : SortedIndexFixture
{
    protected override Task<IndexBackend> CreateBackendAsync() => SqliteIndexBackend.CreateAsync();
}
