using System.Text.RegularExpressions;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Schema;

public sealed partial class SchemaTests
{
    private static readonly string[] StorageIdentity =
        ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId"];

    /// <summary>The parameters Orleans 10.4.2 supplies per key (contract §4.3, §5.2); a text may use no other.</summary>
    private static readonly Dictionary<string, string[]> SuppliedParameters = new()
    {
        ["ReadFromStorageKey"] = StorageIdentity,
        ["WriteToStorageKey"] = [.. StorageIdentity, "GrainStateVersion", "PayloadBinary"],
        ["ClearStorageKey"] = [.. StorageIdentity, "GrainStateVersion"],
        ["DeleteStorageKey"] = [.. StorageIdentity, "GrainStateVersion"],
        ["ReadReminderRowsKey"] = ["ServiceId", "GrainId"],
        ["ReadReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName"],
        ["ReadRangeRows1Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["ReadRangeRows2Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["UpsertReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "StartTime", "Period", "GrainHash"],
        ["DeleteReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "Version"],
        ["DeleteReminderRowsKey"] = ["ServiceId"],
    };

    [Fact]
    public async Task EnsureSchema_twice_in_a_row_on_the_same_file_succeeds_and_stores_every_key()
    {
        await using var temp = await TempDatabase.CreateAsync(ensureSchema: false);

        await temp.Database.EnsureSchemaAsync();
        await temp.Database.EnsureSchemaAsync();

        var keys = await SqlHelper.RowsAsync(temp.Database.ReadDataSource, "SELECT QueryKey FROM OrleansQuery;");
        keys.Select(row => (string)row[0]!).Should().BeEquivalentTo(SuppliedParameters.Keys);
        OrleansQueryKeys.StorageAndReminders.Should().BeEquivalentTo(SuppliedParameters.Keys);
    }

    [Fact]
    public async Task EnsureSchema_from_two_instances_at_once_succeeds()
    {
        await using var temp = await TempDatabase.CreateAsync(ensureSchema: false);
        await using var other = temp.OpenAnotherInstance();

        await Task.WhenAll(temp.Database.EnsureSchemaAsync(), other.EnsureSchemaAsync());

        (await SqlHelper.ScalarAsync<long>(temp.Database.ReadDataSource, "SELECT count(*) FROM OrleansQuery;"))
            .Should().Be(SuppliedParameters.Count);
    }

    [Fact]
    public async Task EnsureSchema_creates_tables_in_wal_mode()
    {
        await using var temp = await TempDatabase.CreateAsync();

        (await SqlHelper.ScalarAsync<string>(temp.Database.ReadDataSource, "PRAGMA journal_mode;")).Should().Be("wal");
        var tables = await SqlHelper.RowsAsync(temp.Database.ReadDataSource, "SELECT name FROM sqlite_master WHERE type = 'table';");
        tables.Select(row => (string)row[0]!).Should().Contain(["OrleansQuery", "OrleansStorage", "OrleansRemindersTable", "compute_servers"]);
    }

    [Fact]
    public async Task EnsureSchema_rerun_restores_a_changed_query_text()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await SqlHelper.ExecuteAsync(temp.Database.WriteDataSource,
            "UPDATE OrleansQuery SET QueryText = 'SELECT 1;' WHERE QueryKey = 'ReadFromStorageKey';");

        await temp.Database.EnsureSchemaAsync();

        (await SqlHelper.ScalarAsync<string>(temp.Database.ReadDataSource,
                "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey';"))
            .Should().Be(EmbeddedSqliteScripts.Queries["ReadFromStorageKey"]);
    }

    [Fact]
    public void Every_query_text_uses_only_parameters_that_Orleans_supplies_for_its_key_spelled_exactly()
    {
        foreach (var (key, text) in EmbeddedSqliteScripts.Queries)
        {
            SuppliedParameters.Should().ContainKey(key);
            var used = Placeholder().Matches(StripComments(text)).Select(match => match.Groups[1].Value).Distinct();
            used.Should().BeSubsetOf(SuppliedParameters[key], $"{key} may only use the parameters Orleans adds (case-sensitive in SQLite)");
        }
    }

    [Fact]
    public void No_query_text_opens_a_transaction()
    {
        foreach (var (key, text) in EmbeddedSqliteScripts.Queries)
        {
            StripComments(text).Should().NotContainAny(["BEGIN", "COMMIT"], $"{key} must leave nothing open if it fails");
        }
    }

    private static string StripComments(string sql) => LineComment().Replace(sql, "");

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
