using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Tests.Index;

public sealed class SqliteServerIndexTests : ServerIndexTests
{
    private SqliteIndexBackend Sqlite => (SqliteIndexBackend)Backend;

    protected override Task<IndexBackend> CreateBackendAsync() => SqliteIndexBackend.CreateAsync();

    [Theory]
    [InlineData("project-a", false)]
    [InlineData(null, false)]
    [InlineData("project-a", true)]
    [InlineData(null, true)]
    public async Task The_default_page_reads_an_index_in_order_without_sorting(string? projectId, bool withMarker)
    {
        var order = ServerOrdering.Resolve([]);
        var plan = new List<string>();
        await using (var connection = (SqliteConnection)await Sqlite.Temp.Database.ReadDataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, SqliteIndexDialect.Instance, new ServerQuery { ProjectId = projectId }, order, withMarker ? [1_000L, Guid.Empty.ToString("D")] : null);
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(reader.GetOrdinal("detail")));
            }
        }

        var expectedIndex = projectId is null ? "ix_compute_servers_created" : "ix_compute_servers_project_created";
        plan.Should().Contain(step => step.Contains(expectedIndex, StringComparison.Ordinal), string.Join(" | ", plan));
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" | ", plan));
    }
}
