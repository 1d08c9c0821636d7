using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;
using OrleansCompute.Tests.Operator;

namespace OrleansCompute.Tests.Parity;

/// <summary>
/// Issue 15: evacuate (admin) from a host whose compute service is forced down, on a host of its own (the test
/// forces a host down): Nova's schemas per version (2.1 onSharedStorage, 2.14, 2.29 force, 2.68), its 400/404/409,
/// the 2.1 password answer, the server rebuilt on another host, kept stopped, and stopped from 2.95.
/// </summary>
public sealed class EvacuateTests : OwnHost
{
    private const string Source = "compute-1";

    private static string Action(string id) => $"/v2.1/servers/{id}/action";

    private static async Task<string> OnSourceAsync(NovaClient admin, string name)
    {
        var id = await admin.CreateServerAsync(name, $", \"availability_zone\": \"nova:{Source}\"");
        (await admin.WaitForStatusAsync(id, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be(Source);
        return id;
    }

    private static string Message(NovaResponse response, string fault) => response.Json[fault]!["message"]!.GetValue<string>();

    [Fact]
    public async Task Evacuate_moves_servers_off_a_forced_down_host_as_Nova_does_at_each_version()
    {
        using var admin = NovaClient.For(Host, "admin:admin");
        var active = await OnSourceAsync(admin, "evacuee-active");
        var stopped = await OnSourceAsync(admin, "evacuee-stopped");
        var later = await OnSourceAsync(admin, "evacuee-2-95");
        var forced = await OnSourceAsync(admin, "evacuee-forced");
        (await admin.PostAsync(Action(stopped), """{"os-stop": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await admin.WaitForStatusAsync(stopped, "SHUTOFF");

        // The schemas, version by version (400 before anything else).
        var missing = await admin.PostAsync(Action(active), """{"evacuate": {}}""", "2.1");
        Message(missing, "badRequest").Should().Be("'onSharedStorage' is a required property");
        (await admin.PostAsync(Action(active), """{"evacuate": {"onSharedStorage": true}}""", "2.14")).Status.Should().Be(HttpStatusCode.BadRequest);
        Message(await admin.PostAsync(Action(active), """{"evacuate": {"onSharedStorage": true, "adminPass": "x"}}""", "2.1"), "badRequest")
            .Should().Be("admin password can't be changed on existing disk");
        Message(await admin.PostAsync(Action(active), """{"evacuate": {"force": true}}""", "2.29"), "badRequest")
            .Should().Be("Can't force to a non-provided destination");
        (await admin.PostAsync(Action(active), """{"evacuate": {"host": "compute-2", "force": false}}""", "2.68")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync(Action(active), """{"evacuate": {"host": "bad host!"}}""", "2.14")).Status.Should().Be(HttpStatusCode.BadRequest);

        // Admin only; the target must exist and not be the current host; the source service must be down.
        using var member = NovaClient.For(Host, "demo:demo");
        (await member.PostAsync(Action(active), """{"evacuate": {}}""", "2.14")).Status.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        Message(await admin.PostAsync(Action(active), """{"evacuate": {"host": "compute-9"}}""", "2.14"), "itemNotFound").Should().Be("Compute host compute-9 not found.");
        Message(await admin.PostAsync(Action(active), $$$"""{"evacuate": {"host": "{{{Source}}}"}}""", "2.14"), "badRequest").Should().Be("The target host can't be the same one.");
        var inUse = await admin.PostAsync(Action(active), """{"evacuate": {}}""", "2.14");
        inUse.Status.Should().Be(HttpStatusCode.BadRequest, inUse.Body);
        Message(inUse, "badRequest").Should().Be($"Compute service of {Source} is still in use.");

        var services = (await admin.GetAsync("/v2.1/os-services", "2.53")).Json["services"]!.AsArray();
        var sourceId = services.Single(s => s!["host"]!.GetValue<string>() == Source)!["id"]!.GetValue<string>();
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-services/{sourceId}", """{"forced_down": true}""", "2.53")).Status.Should().Be(HttpStatusCode.OK);

        // 2.1: the password given comes back; the server is rebuilt on another host and is ACTIVE again.
        var first = await admin.PostAsync(Action(active), """{"evacuate": {"onSharedStorage": "False", "adminPass": "MySecretPass"}}""", "2.1");
        first.Status.Should().Be(HttpStatusCode.OK, first.Body);
        first.Json["adminPass"]!.GetValue<string>().Should().Be("MySecretPass");
        var moved = await admin.WaitForStatusAsync(active, "ACTIVE");
        moved["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().NotBe(Source);
        var actions = (await admin.GetAsync($"/v2.1/servers/{active}/os-instance-actions")).Json["instanceActions"]!.AsArray();
        actions.Select(a => a!["action"]!.GetValue<string>()).Should().Contain("evacuate");
        (await admin.PostAsync(Action(active), """{"evacuate": {}}""", "2.14")).Status.Should().Be(HttpStatusCode.BadRequest, "its new host is up");

        // 2.14: no body; a stopped server stays stopped.
        var quiet = await admin.PostAsync(Action(stopped), """{"evacuate": {}}""", "2.14");
        quiet.Status.Should().Be(HttpStatusCode.OK, quiet.Body);
        quiet.Body.Should().BeEmpty();
        (await admin.WaitForStatusAsync(stopped, "SHUTOFF"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().NotBe(Source);

        // 2.95: an active server ends stopped, on the host named (the scheduler checks it).
        (await admin.PostAsync(Action(later), """{"evacuate": {"host": "compute-3"}}""", "2.95")).Status.Should().Be(HttpStatusCode.OK);
        var shutOff = await admin.WaitForStatusAsync(later, "SHUTOFF");
        shutOff["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-3");
        shutOff["OS-EXT-STS:power_state"]!.GetValue<int>().Should().Be(4);

        // Each evacuation is a migration record, as Nova's: type evacuation, from the old host to the new, done.
        var record = await Eventually.Until(
            async () => (await admin.GetAsync($"/v2.1/os-migrations?instance_uuid={later}", "2.59")).Json["migrations"]!.AsArray()
                .SingleOrDefault(m => m!["migration_type"]!.GetValue<string>() == "evacuation"),
            found => found?["status"]?.GetValue<string>() == "done",
            because: "the finished evacuation's record is done");
        record!["source_compute"]!.GetValue<string>().Should().Be(Source);
        record["dest_compute"]!.GetValue<string>().Should().Be("compute-3");

        // 2.29: forced to a host, below 2.95 it stays active.
        (await admin.PostAsync(Action(forced), """{"evacuate": {"host": "compute-2", "force": true}}""", "2.29")).Status.Should().Be(HttpStatusCode.OK);
        (await admin.WaitForStatusAsync(forced, "ACTIVE"))["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().Be("compute-2");

        // The old host's claims went with them: its hypervisor counts no server.
        await Eventually.Until(
            async () => (await admin.GetAsync("/v2.1/os-hypervisors/detail")).Json["hypervisors"]!.AsArray()
                .Single(h => h!["hypervisor_hostname"]!.GetValue<string>() == Source)!["running_vms"]!.GetValue<int>(),
            running => running == 0,
            because: "the evacuated servers' claims on the old host are released");
    }
}
