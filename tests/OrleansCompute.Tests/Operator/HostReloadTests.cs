using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// Compute hosts added and removed at run time, the operator's way (an edited configuration file, as starting or
/// retiring a nova-compute): a host added by a reload is listed as hypervisor, service and zone member and takes
/// servers; a host dropped while it hosts a server stays, and goes at the next reload once empty.
/// </summary>
public sealed class HostReloadTests : OwnHost, IDisposable
{
    private readonly TempDirectory _config = new();

    public HostReloadTests() => File.WriteAllText(ConfigFile, """{"Compute": {}}""");

    private string ConfigFile => Path.Combine(_config.Path, "compute.json");

    protected override string[] ExtraArguments => ["--Compute:ConfigFile=" + ConfigFile];

    [Fact]
    public async Task A_host_added_by_a_configuration_reload_takes_servers_and_leaves_only_once_empty()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        (await HypervisorNamesAsync(admin)).Should().Equal("compute-1", "compute-2", "compute-3");

        // Only the new host has the disk for this flavor.
        var flavor = await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "wide-disk", "id": "wide-disk", "ram": 512, "vcpus": 1, "disk": 5000}}""");
        flavor.Status.Should().Be(HttpStatusCode.OK, flavor.Body);
        WriteHosts(withFourth: true);
        await Eventually.Until(() => HypervisorNamesAsync(admin), names => names.Contains("compute-4"), TimeSpan.FromSeconds(30), because: "the reload registers compute-4");
        var hypervisor = (await admin.GetAsync("/v2.1/os-hypervisors/detail")).Json["hypervisors"]!.AsArray().Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == "compute-4")!;
        hypervisor["local_gb"]!.GetValue<int>().Should().Be(10000, "the configured capacity");
        (await admin.GetAsync("/v2.1/os-services")).Json["services"]!.AsArray().Select(s => s!["host"]!.GetValue<string>()).Should().Contain("compute-4");
        var zones = (await admin.GetAsync("/v2.1/os-availability-zone/detail")).Json["availabilityZoneInfo"]!.AsArray();
        zones.Single(z => z!["zoneName"]!.GetValue<string>() == "nova")!["hosts"]!.AsObject().Select(h => h.Key).Should().Contain("compute-4");

        var created = await admin.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "on-four", "flavorRef": "wide-disk", "imageRef": "{{{NovaClient.Image}}}"}}""");
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var server = created.Json["server"]!["id"]!.GetValue<string>();
        (await admin.WaitForStatusAsync(server, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-4");

        // Dropped from configuration while it hosts a server: it stays, and the operator is warned.
        WriteHosts(withFourth: false);
        await Eventually.Until(() => Task.FromResult(Host.Output), output => output.Contains("Compute host compute-4 left the configuration but still hosts servers", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), because: "the reload keeps a host with servers and says so");
        (await HypervisorNamesAsync(admin)).Should().Contain("compute-4");

        // Empty, it goes at the next reload.
        (await admin.SendAsync(HttpMethod.Delete, $"/v2.1/servers/{server}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(
            async () => (await admin.GetAsync("/v2.1/os-hypervisors/detail")).Json["hypervisors"]!.AsArray().Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == "compute-4")!["running_vms"]!.GetValue<int>(),
            running => running == 0, because: "the deleted server's claim is released");
        WriteHosts(withFourth: false);
        await Eventually.Until(() => HypervisorNamesAsync(admin), names => !names.Contains("compute-4"), TimeSpan.FromSeconds(30), because: "an empty host dropped from configuration is removed");
        (await admin.GetAsync("/v2.1/os-services")).Json["services"]!.AsArray().Select(s => s!["host"]!.GetValue<string>()).Should().Equal("compute-1", "compute-2", "compute-3");
    }

    public void Dispose() => _config.Dispose();

    private void WriteHosts(bool withFourth)
    {
        var hosts = new JsonArray(
            new JsonObject { ["Name"] = "compute-1", ["HostIp"] = "192.168.10.11" },
            new JsonObject { ["Name"] = "compute-2", ["HostIp"] = "192.168.10.12" },
            new JsonObject { ["Name"] = "compute-3", ["HostIp"] = "192.168.10.13" });
        if (withFourth)
        {
            hosts.Add(new JsonObject { ["Name"] = "compute-4", ["HostIp"] = "192.168.10.14", ["DiskGb"] = 10000 });
        }

        var settings = new JsonObject { ["Compute"] = new JsonObject { ["Catalog"] = new JsonObject { ["Hosts"] = hosts } } };
        // Written whole and renamed into place, as an editor saves: the watcher never reads a half-written file.
        var written = ConfigFile + ".new";
        File.WriteAllText(written, settings.ToJsonString());
        File.Move(written, ConfigFile, overwrite: true);
    }

    private static async Task<List<string>> HypervisorNamesAsync(NovaClient admin) =>
        [.. (await admin.GetAsync("/v2.1/os-hypervisors")).Json["hypervisors"]!.AsArray().Select(h => h!["hypervisor_hostname"]!.GetValue<string>())];
}
