namespace OrleansCompute.Persistence.Tests.Index;

public sealed class SqliteServerIndexSortTests(SqliteSortedIndexFixture fixture) : ServerIndexSortTests(fixture), IClassFixture<SqliteSortedIndexFixture>;
