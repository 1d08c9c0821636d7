using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Tests.Support;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>A compute_servers table of the first release gains the later columns, filled from each row's snapshot.</summary>
public sealed class ServerIndexMigrationTests
{
    [Fact]
    public async Task An_older_table_gains_the_new_columns_filled_from_the_snapshot()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var index = new Sqlite.SqliteServerIndex(temp.Database);
        var server = TestServers.Make() with
        {
            Description = "old row",
            Tags = ["legacy"],
            Addresses = [new ServerAddress { NetworkId = "n", NetworkLabel = "private", Address = "10.1.2.3", IpVersion = 4, MacAddress = "fa:16:3e:00:00:02" }],
        };
        await index.UpsertAsync(server);

        // Make the table look like the first release's: without the columns added since.
        foreach (var column in new[] { "description", "auto_disk_config", "locked_by", "fixed_ipv4", "fixed_ipv6", "tags" })
        {
            await SqlHelper.ExecuteAsync(temp.Database.WriteDataSource, $"ALTER TABLE compute_servers DROP COLUMN {column};");
        }

        await using var reopened = temp.OpenAnotherInstance();
        await reopened.EnsureSchemaAsync();
        await reopened.EnsureSchemaAsync();
        var migrated = new Sqlite.SqliteServerIndex(reopened);

        (await migrated.QueryAsync(new ServerQuery { TagsAll = ["legacy"] })).Should().ContainSingle();
        (await migrated.QueryAsync(new ServerQuery { Patterns = [new ServerPattern(ServerTextField.Description, "old")] })).Should().ContainSingle();
        (await migrated.QueryAsync(new ServerQuery { Patterns = [new ServerPattern(ServerTextField.FixedIPv4, "10.1.2")] })).Should().ContainSingle();
    }
}
