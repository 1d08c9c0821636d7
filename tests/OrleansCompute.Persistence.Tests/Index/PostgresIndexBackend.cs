using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Index;

public sealed class PostgresIndexBackend : IndexBackend
{
    private PostgresIndexBackend(PostgresTestDatabase temp)
    {
        Temp = temp;
        Index = new PostgresServerIndex(temp.Database);
    }

    public PostgresTestDatabase Temp { get; }

    public override IServerIndex Index { get; }

    public static async Task<IndexBackend> CreateAsync() => new PostgresIndexBackend(await PostgresTestDatabase.CreateAsync());

    public override async Task<long> CountRowsAsync(string where)
    {
        await using var command = Temp.Database.DataSource.CreateCommand($"SELECT count(*) FROM compute_servers WHERE {where};");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override ValueTask DisposeAsync() => Temp.DisposeAsync();
}
