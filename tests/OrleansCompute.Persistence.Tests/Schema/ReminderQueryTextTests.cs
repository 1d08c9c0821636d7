using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Schema;

/// <summary>
/// The stored reminder texts executed exactly as Orleans does (parameters without a prefix), on hashes Orleans
/// itself can hardly be made to produce: both signed extremes, -1, 0 and 1.
/// </summary>
public sealed class ReminderQueryTextTests : IAsyncLifetime
{
    private const string ServiceId = "ring";

    private static readonly int[] Hashes =
        [int.MinValue, int.MinValue + 1, -1000, -2, -1, 0, 1, 2, 1000, int.MaxValue - 1, int.MaxValue];

    private static readonly uint[] Boundaries =
        [0u, 1u, 2u, 999u, 1000u, 1001u, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, unchecked((uint)-1001), unchecked((uint)-1000), 0xFFFFFFFEu, 0xFFFFFFFFu];

    private TempDatabase _temp = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        foreach (var hash in Hashes)
        {
            await RunAsync("UpsertReminderRowKey", ("ServiceId", ServiceId), ("GrainId", $"probe/{hash}"), ("ReminderName", "r"),
                ("StartTime", DateTime.UtcNow), ("Period", 60_000), ("GrainHash", hash));
        }

        // Another service's row in range must never show up.
        await RunAsync("UpsertReminderRowKey", ("ServiceId", "other"), ("GrainId", "probe/other"), ("ReminderName", "r"),
            ("StartTime", DateTime.UtcNow), ("Period", 60_000), ("GrainHash", 0));
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Range_reads_return_exactly_the_uint_ring_range_begin_exclusive_end_inclusive()
    {
        foreach (var begin in Boundaries)
        {
            foreach (var end in Boundaries)
            {
                // Orleans' choice between the two keys (contract §5.2).
                var key = (int)begin < (int)end ? "ReadRangeRows1Key" : "ReadRangeRows2Key";
                var rows = await RunAsync(key, ("ServiceId", ServiceId), ("BeginHash", (int)begin), ("EndHash", (int)end));

                var expected = Hashes.Where(hash => InRing((uint)hash, begin, end)).Select(hash => $"probe/{hash}");
                rows.Select(row => (string)row[0]!).Should().BeEquivalentTo(expected, $"range ({begin}, {end}] via {key}");
            }
        }
    }

    [Fact]
    public async Task Begin_equal_to_end_reads_the_whole_ring()
    {
        var rows = await RunAsync("ReadRangeRows2Key", ("ServiceId", ServiceId), ("BeginHash", 0), ("EndHash", 0));

        rows.Should().HaveCount(Hashes.Length);
    }

    [Fact]
    public async Task Upsert_returns_version_0_then_1_and_delete_needs_the_matching_version()
    {
        (await Upsert("probe/v")).Should().Be(0L);
        (await Upsert("probe/v")).Should().Be(1L);

        var wrong = await RunAsync("DeleteReminderRowKey", ("ServiceId", ServiceId), ("GrainId", "probe/v"), ("ReminderName", "r"), ("Version", 0));
        wrong.Should().ContainSingle().Which.Should().Equal(0L);

        var right = await RunAsync("DeleteReminderRowKey", ("ServiceId", ServiceId), ("GrainId", "probe/v"), ("ReminderName", "r"), ("Version", 1));
        right.Should().ContainSingle().Which.Should().Equal(1L);

        (await RunAsync("ReadReminderRowKey", ("ServiceId", ServiceId), ("GrainId", "probe/v"), ("ReminderName", "r"))).Should().BeEmpty();

        async Task<object?> Upsert(string grainId)
        {
            var rows = await RunAsync("UpsertReminderRowKey", ("ServiceId", ServiceId), ("GrainId", grainId), ("ReminderName", "r"),
                ("StartTime", DateTime.UtcNow), ("Period", 1000L), ("GrainHash", 5));
            return rows.Should().ContainSingle().Subject[0];
        }
    }

    [Fact]
    public async Task StartTime_reads_back_as_the_utc_instant_written()
    {
        var start = new DateTime(2026, 11, 27, 21, 11, 26, 381, DateTimeKind.Utc);
        await RunAsync("UpsertReminderRowKey", ("ServiceId", ServiceId), ("GrainId", "probe/t"), ("ReminderName", "r"),
            ("StartTime", start), ("Period", 1000), ("GrainHash", 7));

        await using var connection = (SqliteConnection)await _temp.Database.ReadDataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = EmbeddedSqliteScripts.Queries["ReadReminderRowKey"];
        command.Parameters.AddWithValue("ServiceId", ServiceId);
        command.Parameters.AddWithValue("GrainId", "probe/t");
        command.Parameters.AddWithValue("ReminderName", "r");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetDateTime(reader.GetOrdinal("StartTime")).Should().Be(start);
        reader.GetInt64(reader.GetOrdinal("Period")).Should().Be(1000);
    }

    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end
        : begin == end || hash > begin || hash <= end;

    private Task<List<object?[]>> RunAsync(string key, params (string Name, object? Value)[] parameters) =>
        // Orleans adds parameters by name without a prefix; Microsoft.Data.Sqlite binds them to @Name.
        SqlHelper.RowsAsync(key.StartsWith("Read", StringComparison.Ordinal) ? _temp.Database.ReadDataSource : _temp.Database.WriteDataSource,
            EmbeddedSqliteScripts.Queries[key], parameters);
}
