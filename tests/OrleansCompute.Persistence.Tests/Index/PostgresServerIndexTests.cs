using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Persistence.Tests.Index;

public sealed class PostgresServerIndexTests : ServerIndexTests
{
    private PostgresIndexBackend Postgres => (PostgresIndexBackend)Backend;

    protected override Task<IndexBackend> CreateBackendAsync() => PostgresIndexBackend.CreateAsync();

    /// <summary>
    /// With sequential scans and sorts priced out (a small table would rightly use them), the plan of the default
    /// page must still be a backward walk of the (created_at, id) index with no Sort node: the order the index gives
    /// is the order the query asks for, NULLS clauses included.
    /// </summary>
    [Theory]
    [InlineData("project-a", false)]
    [InlineData(null, false)]
    [InlineData("project-a", true)]
    [InlineData(null, true)]
    public async Task The_default_page_reads_an_index_in_order_without_sorting(string? projectId, bool withMarker)
    {
        var order = ServerOrdering.Resolve([]);
        var plan = new List<string>();
        await using (var connection = await Postgres.Temp.Database.DataSource.OpenConnectionAsync())
        {
            await using (var settings = connection.CreateCommand())
            {
                settings.CommandText = "SET enable_seqscan = off; SET enable_sort = off; SET enable_bitmapscan = off;";
                await settings.ExecuteNonQueryAsync();
            }

            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, PostgresIndexDialect.Instance, new ServerQuery { ProjectId = projectId }, order, withMarker ? [1_000L, Guid.Empty] : null);
            command.CommandText = "EXPLAIN " + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var expectedIndex = projectId is null ? "ix_compute_servers_created" : "ix_compute_servers_project_created";
        plan.Should().Contain(step => step.Contains("Index Scan Backward using " + expectedIndex, StringComparison.Ordinal), string.Join(" | ", plan));
        plan.Should().NotContain(step => step.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    [Fact]
    public async Task Text_sorts_by_code_point_whatever_the_database_collation()
    {
        var upper = TestServers.Make() with { Name = "Beta" };
        var lower = TestServers.Make() with { Name = "alpha" };
        var accented = TestServers.Make() with { Name = "Ábc" };
        await UpsertAllAsync([upper, lower, accented]);

        (await IdsAsync(new ServerQuery { Sort = [new SortKey("display_name", Descending: false)] }))
            .Should().Equal(upper.Id, lower.Id, accented.Id);
    }
}
