namespace OrleansCompute.Persistence.Tests.Index;

public sealed class PostgresServerIndexFilterTests : ServerIndexFilterTests
{
    protected override Task<IndexBackend> CreateBackendAsync() => PostgresIndexBackend.CreateAsync();
}
