using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Http;

/// <summary>Durability of the embedded host: servers survive a restart, and a build cut short by a crash finishes.</summary>
[CollectionDuration(97)]
public sealed class RestartTests
{
    [Fact]
    public async Task A_server_is_still_there_and_ACTIVE_after_a_restart()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.1");
        await host.StartAsync();
        string id;
        using (var client = NovaClient.For(host))
        {
            id = await client.CreateServerAsync("durable");
            await client.WaitForStatusAsync(id, "ACTIVE");
        }

        await host.StopAsync();
        await host.StartAsync();

        using var after = NovaClient.For(host);
        var server = (await after.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        server["status"]!.GetValue<string>().Should().Be("ACTIVE");
        server["name"]!.GetValue<string>().Should().Be("durable");
        (await after.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Contain(id);
    }

    [Fact]
    public async Task A_build_cut_short_by_a_crash_finishes_after_the_restart_without_any_call()
    {
        using var directory = new TempDirectory();
        // A long build, so that the process is killed while it is in flight.
        await using var host = new HostProcess(directory.Path, "--Compute:FakeDriver:SpawnSeconds=30");
        await host.StartAsync();
        string id;
        using (var client = NovaClient.For(host))
        {
            id = await client.CreateServerAsync("interrupted");
            (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("BUILD");
        }

        await host.KillAsync();
        await using var restarted = new HostProcess(directory.Path, "--Compute:FakeDriver:SpawnSeconds=0.1");
        await restarted.StartAsync();

        // The list comes from the index, so nothing here activates the grain: the start-up sweep must.
        using var after = NovaClient.For(restarted);
        await Eventually.Until(
            async () => (await after.GetAsync("/v2.1/servers/detail")).Json["servers"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!["status"]!.GetValue<string>(),
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(30));
    }
}
