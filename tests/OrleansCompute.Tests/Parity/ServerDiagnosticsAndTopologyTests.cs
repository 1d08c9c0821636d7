using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>Issue 15, item 2: <c>/servers/{id}/diagnostics</c> (admin) and <c>/servers/{id}/topology</c> (2.78).</summary>
[Collection(HostCollection.Name)]
public sealed class ServerDiagnosticsAndTopologyTests(HostFixture fixture)
{
    private static string[] Keys(System.Text.Json.Nodes.JsonNode node) => [.. node.AsObject().Select(p => p.Key)];

    [Fact]
    public async Task Diagnostics_have_the_standard_shape_from_2_48_and_the_driver_map_below()
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var id = await admin.CreateServerAsync("diag");
        await admin.WaitForStatusAsync(id, "ACTIVE");

        var standard = await admin.GetAsync($"/v2.1/servers/{id}/diagnostics", "2.48");
        standard.Status.Should().Be(HttpStatusCode.OK, standard.Body);
        Keys(standard.Json).Should().BeEquivalentTo(
        [
            "state", "driver", "hypervisor", "hypervisor_os", "uptime", "config_drive", "num_cpus", "num_nics", "num_disks",
            "cpu_details", "nic_details", "disk_details", "memory_details",
        ]);
        standard.Json["state"]!.GetValue<string>().Should().Be("running");
        Keys(standard.Json["memory_details"]!).Should().BeEquivalentTo(["maximum", "used"]);
        Keys(standard.Json["cpu_details"]![0]!).Should().BeEquivalentTo(["id", "time", "utilisation"]);
        Keys(standard.Json["disk_details"]![0]!).Should().BeEquivalentTo(["read_bytes", "read_requests", "write_bytes", "write_requests", "errors_count"]);

        var legacy = await admin.GetAsync($"/v2.1/servers/{id}/diagnostics", "2.47");
        legacy.Status.Should().Be(HttpStatusCode.OK, legacy.Body);
        Keys(legacy.Json).Should().Contain(["cpu0_time", "memory", "vda_read"]).And.NotContain("state");
    }

    [Fact]
    public async Task Diagnostics_are_for_admins_and_need_a_running_guest()
    {
        using var member = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await member.CreateServerAsync("diag-member");
        await member.WaitForStatusAsync(id, "ACTIVE");
        (await member.GetAsync($"/v2.1/servers/{id}/diagnostics")).Status.Should().Be(HttpStatusCode.Forbidden);

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var stopped = await admin.CreateServerAsync("diag-stopped");
        await admin.WaitForStatusAsync(stopped, "ACTIVE");
        (await admin.PostAsync($"/v2.1/servers/{stopped}/action", """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await admin.WaitForStatusAsync(stopped, "SHUTOFF");
        (await admin.GetAsync($"/v2.1/servers/{stopped}/diagnostics")).Status.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Topology_exists_from_2_78_and_is_empty_without_numa()
    {
        using var client = NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");
        var id = await client.CreateServerAsync("topo");

        (await client.GetAsync($"/v2.1/servers/{id}/topology", "2.77")).Status.Should().Be(HttpStatusCode.NotFound);
        var topology = await client.GetAsync($"/v2.1/servers/{id}/topology", "2.78");
        topology.Status.Should().Be(HttpStatusCode.OK, topology.Body);
        topology.Json["nodes"]!.AsArray().Should().BeEmpty();
        topology.Json["pagesize_kb"].Should().BeNull();
        Keys(topology.Json).Should().BeEquivalentTo(["nodes", "pagesize_kb"]);
    }
}
