using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Orleans;

[Collection(OrleansClusterCollection.Name)]
public sealed class ReminderTests(OrleansClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_registered_reminder_fires_and_unregistering_deletes_its_row()
    {
        var key = "tick-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.Client.GetGrain<IPersistenceProbeGrain>(key);

        await grain.StartReminder("tick");
        (await ReminderRowsAsync(key)).Should().Be(1);
        await fixture.TickLog.WaitForTicksAsync(key, "tick", count: 2, Deadline);

        await grain.StopReminder("tick");
        (await ReminderRowsAsync(key)).Should().Be(0);
    }

    [Fact]
    public async Task ReminderTable_range_reads_match_the_uint_ring_on_boundaries_and_row_hashes()
    {
        var table = fixture.Cluster.SiloServices().GetRequiredService<IReminderTable>();
        var name = "range-" + Guid.NewGuid().ToString("N")[..8];
        var entries = new List<ReminderEntry>();
        for (var i = 0; i < 60; i++)
        {
            var entry = new ReminderEntry
            {
                GrainId = GrainId.Create("persistence-probe", $"{name}-{i}"),
                ReminderName = name,
                // Far enough ahead that the live reminder service never fires them during the test.
                StartAt = DateTime.UtcNow.AddHours(1),
                Period = TimeSpan.FromHours(1),
            };
            entry.ETag = await table.UpsertRow(entry);
            entries.Add(entry);
        }

        try
        {
            var hashes = entries.Select(entry => entry.GrainId.GetUniformHashCode()).ToArray();
            hashes.Should().Contain(hash => hash > int.MaxValue).And.Contain(hash => hash <= int.MaxValue, "both signed halves must be covered");

            uint[] boundaries = [0, 1, int.MaxValue, 0x80000000u, 0x80000001u, uint.MaxValue - 1, uint.MaxValue];
            var points = boundaries
                .Concat(hashes.Take(6).SelectMany(hash => new[] { hash - 1, hash, hash + 1 }))
                .Distinct()
                .ToArray();
            foreach (var begin in points)
            {
                foreach (var end in points)
                {
                    var read = await table.ReadRows(begin, end);
                    var actual = read.Reminders.Where(r => r.ReminderName == name).Select(r => r.GrainId);
                    var expected = entries.Where(e => InRing(e.GrainId.GetUniformHashCode(), begin, end)).Select(e => e.GrainId);
                    actual.Should().BeEquivalentTo(expected, $"range ({begin}, {end}]");
                }
            }
        }
        finally
        {
            foreach (var entry in entries)
            {
                (await table.RemoveRow(entry.GrainId, entry.ReminderName, entry.ETag!)).Should().BeTrue();
            }
        }
    }

    [Fact]
    public async Task ReminderTable_versions_rise_on_upsert_and_remove_needs_the_current_etag()
    {
        var table = fixture.Cluster.SiloServices().GetRequiredService<IReminderTable>();
        var entry = new ReminderEntry
        {
            GrainId = GrainId.Create("persistence-probe", "etag-" + Guid.NewGuid().ToString("N")),
            ReminderName = "etag",
            StartAt = DateTime.UtcNow.AddHours(1),
            Period = TimeSpan.FromHours(1),
        };

        (await table.UpsertRow(entry)).Should().Be("0");
        (await table.UpsertRow(entry)).Should().Be("1");
        var row = await table.ReadRow(entry.GrainId, entry.ReminderName);
        row!.ETag.Should().Be("1");
        row.Period.Should().Be(TimeSpan.FromHours(1));
        (await table.ReadRows(entry.GrainId)).Reminders.Should().ContainSingle();

        (await table.RemoveRow(entry.GrainId, entry.ReminderName, "0")).Should().BeFalse();
        (await table.RemoveRow(entry.GrainId, entry.ReminderName, "1")).Should().BeTrue();
        (await table.ReadRow(entry.GrainId, entry.ReminderName)).Should().BeNull();
    }

    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end
        : begin == end || hash > begin || hash <= end;

    private Task<long> ReminderRowsAsync(string key) =>
        SqlHelper.ScalarAsync<long>(fixture.Temp.Database.ReadDataSource,
            "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @s AND GrainId = @g;",
            ("@s", fixture.ServiceId), ("@g", "persistence-probe/" + key));
}
