using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>A whole new cluster on the same file and ServiceId finds state and reminders (pitfalls §4, §11).</summary>
[Collection(OrleansClusterCollection.Name)]
public sealed class RestartTests(OrleansClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task State_and_reminders_survive_a_cluster_re_create_and_the_reminder_fires_without_any_call()
    {
        var serviceId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        const string Key = "survivor";

        var firstLog = new ReminderTickLog();
        await using (var first = await ProbeCluster.StartAsync(fixture.Temp.Database, serviceId, firstLog))
        {
            var grain = first.Client.GetGrain<IPersistenceProbeGrain>(Key);
            await grain.Write("kept");
            await grain.StartReminder("tick");
            await firstLog.WaitForTicksAsync(Key, "tick", count: 1, Deadline);
        }

        // A new database instance too, as a restarted process would have.
        await using var database = fixture.Temp.OpenAnotherInstance();
        var secondLog = new ReminderTickLog();
        await using var second = await ProbeCluster.StartAsync(database, serviceId, secondLog);

        await secondLog.WaitForTicksAsync(Key, "tick", count: 1, Deadline);

        var survivor = second.Client.GetGrain<IPersistenceProbeGrain>(Key);
        (await survivor.Read()).Should().Be(new ProbeView("kept", "1", RecordExists: true));
        await survivor.StopReminder("tick");
        (await SqlHelper.ScalarAsync<long>(database.ReadDataSource,
                "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @s;", ("@s", serviceId)))
            .Should().Be(0);
    }
}
