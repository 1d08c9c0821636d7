using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// The embedded host on a real 8 MB filesystem that fills up (<see cref="SmallFilesystem"/>): writes are 503s
/// that say the database is full, with Retry-After, and change nothing; reads still answer; the quota is not
/// charged for the creates that failed; once space returns the host takes writes again without a restart, the
/// builds caught by the full disk end ACTIVE, and after a SIGKILL and a restart (whose start-up check runs
/// SQLite's quick_check) the quota counts exactly the servers that exist.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_is_a_503_that_changes_nothing_and_the_host_recovers_when_space_returns()
    {
        using var directory = new TempDirectory();
        using var filesystem = await SmallFilesystem.MountAsync(Path.Combine(directory.Path, "data"), megabytes: 8);
        await using var host = new HostProcess(filesystem.Path, "--Compute:FakeDriver:SpawnSeconds=1") { Launcher = filesystem.Launcher };
        await host.StartAsync();
        using var nova = NovaClient.For(host);
        List<string> servers = [await nova.CreateServerAsync("before-1"), await nova.CreateServerAsync("before-2")];
        foreach (var id in servers)
        {
            await nova.WaitForStatusAsync(id, "ACTIVE");
        }

        await filesystem.FillAsync();

        for (var i = 0; i < 4; i++)
        {
            var refused = await nova.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "full-{{{i}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}""");
            AssertFull(refused);
        }

        AssertFull(await nova.PostAsync($"/v2.1/servers/{servers[0]}/metadata", """{"metadata": {"k": "v"}}"""));
        (await nova.GetAsync($"/v2.1/servers/{servers[0]}")).Status.Should().Be(HttpStatusCode.OK, "reads need no space");
        (await ListedAsync(nova)).Should().BeEquivalentTo(servers, "a refused create leaves no server behind");
        (await InstancesUsedAsync(nova)).Should().Be(servers.Count, "a refused create gives its quota claim back");

        await filesystem.FreeAsync();
        servers.Add(await nova.CreateServerAsync("after"));
        await nova.WaitForStatusAsync(servers[^1], "ACTIVE");
        (await nova.PostAsync($"/v2.1/servers/{servers[0]}/metadata", """{"metadata": {"k": "v"}}""")).Status.Should().Be(HttpStatusCode.OK);

        await host.KillAsync();
        await host.StartAsync();
        (await ListedAsync(nova)).Should().BeEquivalentTo(servers, "each server once, none half-written");
        await Eventually.Until(() => InstancesUsedAsync(nova), used => used == servers.Count, because: "after a restart the quota counts exactly the servers");
        (await nova.GetAsync($"/v2.1/servers/{servers[0]}/metadata/k")).Status.Should().Be(HttpStatusCode.OK, "the metadata written after the disk was freed");
    }

    private static void AssertFull(NovaResponse response)
    {
        response.Status.Should().Be(HttpStatusCode.ServiceUnavailable, response.Body);
        response.Header("Retry-After").Should().NotBeNullOrEmpty();
        response.Json["serviceUnavailable"]!["message"]!.GetValue<string>().Should().Contain("database is full");
        FaultBody.FindInternals(response.Body).Should().BeNull(response.Body);
    }

    private static async Task<List<string>> ListedAsync(NovaClient nova) =>
        [.. (await nova.GetAsync("/v2.1/servers?limit=1000")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())];

    private static async Task<int> InstancesUsedAsync(NovaClient nova) =>
        (await nova.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!["totalInstancesUsed"]!.GetValue<int>();
}
