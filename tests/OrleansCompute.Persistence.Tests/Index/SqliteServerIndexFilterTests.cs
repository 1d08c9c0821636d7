namespace OrleansCompute.Persistence.Tests.Index;

public sealed class SqliteServerIndexFilterTests : ServerIndexFilterTests
{
    protected override Task<IndexBackend> CreateBackendAsync() => SqliteIndexBackend.CreateAsync();
}
