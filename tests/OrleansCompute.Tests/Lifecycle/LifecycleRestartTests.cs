using System.Net;
using Microsoft.Data.Sqlite;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>Reminders and stored states across a real stop and start of the host process.</summary>
[CollectionDuration(160)]
public sealed class LifecycleRestartTests
{
    private const int ReclaimSeconds = 4;

    [Fact]
    public async Task A_soft_deleted_server_whose_deadline_passes_while_the_host_is_down_is_reclaimed_after_the_start()
    {
        using var directory = new TempDirectory();
        string[] arguments = ["--Compute:FakeDriver:SpawnSeconds=0.05", "--Compute:FakeDriver:DefaultSeconds=0.05", $"--Compute:ReclaimInstanceInterval={ReclaimSeconds}", "--Compute:MinimumReminderPeriod=1"];
        await using var host = new HostProcess(directory.Path, arguments);
        await host.StartAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        string id;
        DateTimeOffset deadline;
        using (var client = NovaClient.For(host))
        {
            id = await client.CreateServerAsync("reclaimed");
            await client.WaitForStatusAsync(id, "ACTIVE");
            deadline = DateTimeOffset.UtcNow.AddSeconds(ReclaimSeconds);
            (await client.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
            await client.WaitForStatusAsync(id, "SOFT_DELETED");
        }

        await host.StopAsync();
        var downtime = deadline + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (downtime > TimeSpan.Zero)
        {
            // Not waiting for a state: the deadline must pass while nothing runs.
            await Task.Delay(downtime);
        }

        await host.StartAsync();

        // The listing reads the index and activates no grain: only the reminder can reclaim the server.
        using var after = NovaClient.For(host);
        var row = await Eventually.Until(
            async () => (await after.GetAsync($"/v2.1/servers/detail?changes-since={since}")).Json["servers"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!,
            s => s["status"]!.GetValue<string>() == "DELETED",
            TimeSpan.FromSeconds(30),
            "the reclaim reminder should fire after the start");
        row["OS-EXT-STS:vm_state"]!.GetValue<string>().Should().Be("deleted");
        (await after.GetAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_vm_state_this_version_does_not_know_shows_UNKNOWN()
    {
        // Only data written by something else (a newer version in a rolling upgrade, a hand edit) can hold a
        // vm_state outside Nova's table; Nova's status mapping shows it as UNKNOWN, and so do we.
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.05");
        await host.StartAsync();
        string id;
        using (var client = NovaClient.For(host))
        {
            id = await client.CreateServerAsync("from-the-future");
            await client.WaitForStatusAsync(id, "ACTIVE");
        }

        await host.StopAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "compute.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE OrleansStorage
                SET PayloadBinary = CAST(replace(CAST(PayloadBinary AS TEXT), '"VmState":"active"', '"VmState":"hibernated"') AS BLOB)
                WHERE CAST(PayloadBinary AS TEXT) LIKE '%' || $id || '%' AND CAST(PayloadBinary AS TEXT) LIKE '%"VmState":"active"%'
                """;
            command.Parameters.AddWithValue("$id", id);
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        await host.StartAsync();
        using var after = NovaClient.For(host);
        var server = (await after.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        server["status"]!.GetValue<string>().Should().Be("UNKNOWN");
        server["OS-EXT-STS:vm_state"]!.GetValue<string>().Should().Be("hibernated");
        var refused = await after.PostAsync($"/v2.1/servers/{id}/action", """{"pause": null}""");
        refused.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Cannot 'pause' instance {id} while it is in vm_state hibernated");
    }
}
