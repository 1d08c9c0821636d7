using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>The scale queries read an index in order instead of sorting every matching row (SQLite's plans).</summary>
public sealed class ServerIndexPlanTests : ServerIndexTestBase
{
    protected override Task<IndexBackend> CreateBackendAsync() => SqliteIndexBackend.CreateAsync();

    [Theory]
    [InlineData(null, "ix_compute_servers_state_created")]
    [InlineData("display_name", "ix_compute_servers_state_name")]
    public async Task An_all_tenants_status_page_reads_the_state_index_without_sorting(string? sortKey, string expectedIndex)
    {
        var query = new ServerQuery
        {
            VmStates = ["active"],
            Sort = sortKey is null ? [] : [new SortKey(sortKey, Descending: false)],
        };

        var plan = await PlanAsync(query);

        plan.Should().Contain(step => step.Contains(expectedIndex, StringComparison.Ordinal), string.Join(" | ", plan));
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    private async Task<List<string>> PlanAsync(ServerQuery query)
    {
        var plan = new List<string>();
        await using var connection = (SqliteConnection)await ((SqliteIndexBackend)Backend).Temp.Database.ReadDataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        ServerPageCommand.Build(command, SqliteIndexDialect.Instance, query, ServerOrdering.Resolve(query.Sort), markerValues: null);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return plan;
    }
}
