using System.Text.RegularExpressions;
using Npgsql;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Schema;

public sealed partial class PostgresSchemaTests
{
    private static readonly string[] StorageIdentity =
        ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId"];

    private static readonly string[] SiloKey = ["DeploymentId", "Address", "Port", "Generation"];

    /// <summary>The parameters Orleans 10.4.2 supplies per key (contract §3.3, §4.3, §5.2); a text may use no other.</summary>
    private static readonly Dictionary<string, string[]> SuppliedParameters = new()
    {
        ["InsertMembershipVersionKey"] = ["DeploymentId"],
        ["MembershipReadAllKey"] = ["DeploymentId"],
        ["MembershipReadRowKey"] = SiloKey,
        ["InsertMembershipKey"] = [.. SiloKey, "SiloName", "HostName", "Status", "ProxyPort", "StartTime", "IAmAliveTime", "Version"],
        ["UpdateMembershipKey"] = [.. SiloKey, "Status", "SuspectTimes", "IAmAliveTime", "Version"],
        ["UpdateIAmAlivetimeKey"] = [.. SiloKey, "IAmAliveTime"],
        ["GatewaysQueryKey"] = ["DeploymentId", "Status"],
        ["CleanupDefunctSiloEntriesKey"] = ["DeploymentId", "IAmAliveTime"],
        ["CleanupDefunctSiloEntryKey"] = [.. SiloKey, "SuspectTimes", "StartTime", "IAmAliveTime"],
        ["DeleteMembershipTableEntriesKey"] = ["DeploymentId"],
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
    public async Task EnsureSchema_twice_and_from_two_instances_at_once_stores_every_key()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync(ensureSchema: false);
        await using var other = new PostgresComputeDatabase(temp.ConnectionString);

        await Task.WhenAll(temp.Database.EnsureSchemaAsync(), other.EnsureSchemaAsync());
        await temp.Database.EnsureSchemaAsync();

        (await QueryTextsAsync(temp)).Keys.Should().BeEquivalentTo(SuppliedParameters.Keys);
        PostgresQueryKeys.All.Should().BeEquivalentTo(SuppliedParameters.Keys);
        (await Tables(temp)).Should().Contain(
            ["orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable", "compute_servers"]);
    }

    [Fact]
    public async Task Missing_query_keys_are_all_of_them_before_init_and_none_after()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync(ensureSchema: false);

        (await temp.Database.MissingQueryKeysAsync()).Should().BeEquivalentTo(PostgresQueryKeys.All);
        await temp.Database.EnsureSchemaAsync();
        (await temp.Database.MissingQueryKeysAsync()).Should().BeEmpty();

        await ExecuteAsync(temp, "DELETE FROM orleansquery WHERE querykey = 'UpdateIAmAlivetimeKey';");
        (await temp.Database.MissingQueryKeysAsync()).Should().Equal("UpdateIAmAlivetimeKey");
    }

    [Fact]
    public async Task EnsureSchema_rerun_restores_a_changed_query_text()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync();
        var original = (await QueryTextsAsync(temp))["ReadFromStorageKey"];
        await ExecuteAsync(temp, "UPDATE orleansquery SET querytext = 'SELECT 1;' WHERE querykey = 'ReadFromStorageKey';");

        await temp.Database.EnsureSchemaAsync();

        (await QueryTextsAsync(temp))["ReadFromStorageKey"].Should().Be(original);
    }

    [Fact]
    public async Task Every_installed_query_text_uses_only_parameters_that_Orleans_supplies_for_its_key()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync();

        foreach (var (key, text) in await QueryTextsAsync(temp))
        {
            var used = Placeholder().Matches(LineComment().Replace(text, "")).Select(match => match.Groups[1].Value).Distinct();
            used.Should().BeSubsetOf(SuppliedParameters[key], $"{key} may only use the parameters Orleans adds, spelled as Orleans spells them");
        }
    }

    private static async Task<Dictionary<string, string>> QueryTextsAsync(PostgresTestDatabase temp)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = temp.Database.DataSource.CreateCommand("SELECT querykey, querytext FROM orleansquery;");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0), reader.GetString(1));
        }

        return texts;
    }

    private static async Task<List<string>> Tables(PostgresTestDatabase temp)
    {
        var tables = new List<string>();
        await using var command = temp.Database.DataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = @schema;");
        command.Parameters.AddWithValue("schema", temp.Schema);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task ExecuteAsync(PostgresTestDatabase temp, string sql)
    {
        await using NpgsqlCommand command = temp.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
