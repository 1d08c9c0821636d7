namespace OrleansCompute.Persistence.Tests.Index;

public sealed class PostgresServerIndexSortTests(PostgresSortedIndexFixture fixture) : ServerIndexSortTests(fixture), IClassFixture<PostgresSortedIndexFixture>;
