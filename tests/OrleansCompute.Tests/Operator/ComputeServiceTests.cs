using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// os-services and os-hypervisors on a host of its own (the test disables hosts): a disabled or forced-down
/// service takes no new servers, and the hypervisors' used figures agree with the servers placed on them.
/// </summary>
public sealed class ComputeServiceTests : OwnHost
{
    [Fact]
    public async Task Disabled_and_forced_down_hosts_get_no_servers_and_hypervisors_count_what_is_placed()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        var services = (await admin.GetAsync("/v2.1/os-services", "2.53")).Json["services"]!.AsArray();
        services.Select(s => s!["host"]!.GetValue<string>()).Should().Equal("compute-1", "compute-2", "compute-3");
        services.Should().OnlyContain(s => s!["binary"]!.GetValue<string>() == "nova-compute" && s["status"]!.GetValue<string>() == "enabled"
            && s["state"]!.GetValue<string>() == "up" && !s["forced_down"]!.GetValue<bool>());
        services.Select(s => Guid.TryParse(s!["id"]!.GetValue<string>(), out var uuid) ? uuid : Guid.Empty).Should().NotContain(Guid.Empty, "UUID ids from 2.53");
        var ids = services.ToDictionary(s => s!["host"]!.GetValue<string>(), s => s!["id"]!.GetValue<string>());
        (await admin.GetAsync("/v2.1/os-services")).Json["services"]![0]!["id"]!.GetValue<int>().Should().Be(1, "integer ids below 2.53");

        var disabled = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{ids["compute-1"]}", """{"status": "disabled", "disabled_reason": "maintenance"}""", "2.53");
        disabled.Status.Should().Be(HttpStatusCode.OK, disabled.Body);
        disabled.Json["service"]!["status"]!.GetValue<string>().Should().Be("disabled");
        disabled.Json["service"]!["disabled_reason"]!.GetValue<string>().Should().Be("maintenance");
        var down = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{ids["compute-2"]}", """{"forced_down": true}""", "2.53");
        down.Json["service"]!["state"]!.GetValue<string>().Should().Be("down");
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{ids["compute-2"]}", """{"status": "enabled", "disabled_reason": "x"}""", "2.53")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{ids["compute-2"]}", "{}", "2.53")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{Guid.NewGuid()}", """{"status": "enabled"}""", "2.53")).Status.Should().Be(HttpStatusCode.NotFound);

        var servers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            servers.Add(await admin.CreateServerAsync($"placed-{i}"));
        }

        foreach (var id in servers)
        {
            (await admin.WaitForStatusAsync(id, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-3");
        }

        var hypervisors = (await admin.GetAsync("/v2.1/os-hypervisors/detail")).Json["hypervisors"]!.AsArray();
        var third = hypervisors.Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == "compute-3")!;
        third["running_vms"]!.GetValue<int>().Should().Be(3);
        third["vcpus_used"]!.GetValue<int>().Should().Be(3, "three m1.tiny servers of one vcpu each");
        third["memory_mb_used"]!.GetValue<int>().Should().Be(3 * 512);
        hypervisors.Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == "compute-1")!["status"]!.GetValue<string>().Should().Be("disabled");
        hypervisors.Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == "compute-2")!["state"]!.GetValue<string>().Should().Be("down");
        var statistics = (await admin.GetAsync("/v2.1/os-hypervisors/statistics")).Json["hypervisor_statistics"]!;
        statistics["count"]!.GetValue<int>().Should().Be(3);
        statistics["running_vms"]!.GetValue<int>().Should().Be(3);
        (await admin.GetAsync("/v2.1/os-hypervisors/3")).Json["hypervisor"]!["hypervisor_hostname"]!.GetValue<string>().Should().Be("compute-3");
        var byUuid = (await admin.GetAsync("/v2.1/os-hypervisors", "2.53")).Json["hypervisors"]![2]!["id"]!.GetValue<string>();
        (await admin.GetAsync($"/v2.1/os-hypervisors/{byUuid}", "2.53")).Json["hypervisor"]!["running_vms"]!.GetValue<int>().Should().Be(3);
        (await admin.GetAsync("/v2.1/os-hypervisors/3", "2.53")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/v2.1/os-hypervisors/compute-3/search")).Json["hypervisors"]!.AsArray().Should().HaveCount(1);

        // The last host disabled too: nowhere to build (the action form of Nova before 2.53).
        var old = await admin.SendAsync(HttpMethod.Put, "/v2.1/os-services/disable", """{"host": "compute-3", "binary": "nova-compute"}""");
        old.Json["service"]!["status"]!.GetValue<string>().Should().Be("disabled");
        var nowhere = await admin.CreateServerAsync("nowhere");
        (await admin.WaitForStatusAsync(nowhere, "ERROR"))["fault"]!["message"]!.GetValue<string>().Should().Contain("No valid host");

        // A host with servers keeps its service record; an empty one can be deleted and leaves the lists.
        (await admin.SendAsync(HttpMethod.Delete, $"/v2.1/os-services/{ids["compute-3"]}", version: "2.53")).Status.Should().Be(HttpStatusCode.Conflict);
        (await admin.SendAsync(HttpMethod.Delete, $"/v2.1/os-services/{ids["compute-1"]}", version: "2.53")).Status.Should().Be(HttpStatusCode.NoContent);
        (await admin.GetAsync("/v2.1/os-services")).Json["services"]!.AsArray().Select(s => s!["host"]!.GetValue<string>()).Should().Equal("compute-2", "compute-3");

        using var member = NovaClient.For(Host, "demo:demo");
        (await member.GetAsync("/v2.1/os-services")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await member.GetAsync("/v2.1/os-hypervisors")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}
