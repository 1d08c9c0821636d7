using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// Nova's <c>os-interface</c> on a real host: a user's port and a new port on a network attached to a running
/// server show in the list, in show and in the server's addresses, with the port bound to the server; detach
/// unbinds the user's port and deletes the one Nova made. Faults, the lock and the instance actions as Nova's.
/// </summary>
public sealed class ServerInterfaceTests(NetworkHostFixture fixture) : IClassFixture<NetworkHostFixture>
{
    private const string V2 = "/network/v2.0";

    private static string NewProject() => "i" + Guid.NewGuid().ToString("N")[..10];

    private NovaClient Client(string project) => NovaClient.For(fixture.Host, $"{project}-user:{project}");

    /// <summary>A project's network with one /24 subnet; answers the network id.</summary>
    private static async Task<string> NetworkAsync(NovaClient client, string name, string cidr)
    {
        var network = await client.PostAsync($"{V2}/networks", $$$"""{"network": {"name": "{{{name}}}"}}""");
        network.Status.Should().Be(HttpStatusCode.Created, network.Body);
        var id = network.Json["network"]!["id"]!.GetValue<string>();
        var subnet = await client.PostAsync($"{V2}/subnets", $$$"""{"subnet": {"network_id": "{{{id}}}", "ip_version": 4, "cidr": "{{{cidr}}}"}}""");
        subnet.Status.Should().Be(HttpStatusCode.Created, subnet.Body);
        return id;
    }

    private static async Task<string> PortAsync(NovaClient client, string networkId, string address)
    {
        var port = await client.PostAsync($"{V2}/ports", $$$"""{"port": {"network_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "{{{address}}}"}]}}""");
        port.Status.Should().Be(HttpStatusCode.Created, port.Body);
        return port.Json["port"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> ActiveServerAsync(NovaClient client, string networkId)
    {
        var id = await client.CreateServerAsync("iface", $$$""", "networks": [{"uuid": "{{{networkId}}}"}]""", version: "2.1");
        await client.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    private static async Task<List<string>> AddressesAsync(NovaClient client, string serverId) =>
        (await client.GetAsync($"/v2.1/servers/{serverId}")).Json["server"]!["addresses"]!.AsObject()
            .SelectMany(n => n.Value!.AsArray().Select(a => a!["addr"]!.GetValue<string>())).ToList();

    private static void ShouldBeFault(NovaResponse response, HttpStatusCode status, string key, string message)
    {
        response.Status.Should().Be(status, response.Body);
        response.Json[key]!["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public async Task A_port_and_a_network_attach_to_a_running_server_show_in_its_addresses_and_detach_as_Nova_does()
    {
        var project = NewProject();
        using var client = Client(project);
        var networkId = await NetworkAsync(client, "iface-net", "10.71.0.0/24");
        var userPort = await PortAsync(client, networkId, "10.71.0.9");
        var serverId = await ActiveServerAsync(client, networkId);
        var booted = (await client.GetAsync($"/v2.1/servers/{serverId}/os-interface")).Json["interfaceAttachments"]!.AsArray();
        booted.Should().ContainSingle().Which!["net_id"]!.GetValue<string>().Should().Be(networkId);

        var byPort = await client.PostAsync($"/v2.1/servers/{serverId}/os-interface", $$$"""{"interfaceAttachment": {"port_id": "{{{userPort}}}", "tag": "nic-b"}}""", "2.70");
        byPort.Status.Should().Be(HttpStatusCode.OK, byPort.Body);
        var attached = byPort.Json["interfaceAttachment"]!;
        attached["port_id"]!.GetValue<string>().Should().Be(userPort);
        attached["net_id"]!.GetValue<string>().Should().Be(networkId);
        attached["port_state"]!.GetValue<string>().Should().Be("ACTIVE");
        attached["tag"]!.GetValue<string>().Should().Be("nic-b");
        attached["mac_addr"]!.GetValue<string>().Should().MatchRegex("^fa:16:3e(:[0-9a-f]{2}){3}$");
        attached["fixed_ips"]!.AsArray().Should().ContainSingle().Which!["ip_address"]!.GetValue<string>().Should().Be("10.71.0.9");

        var byNetwork = await client.PostAsync($"/v2.1/servers/{serverId}/os-interface",
            $$$"""{"interfaceAttachment": {"net_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "10.71.0.50"}]}}""");
        byNetwork.Status.Should().Be(HttpStatusCode.OK, byNetwork.Body);
        var madePort = byNetwork.Json["interfaceAttachment"]!["port_id"]!.GetValue<string>();
        byNetwork.Json["interfaceAttachment"]!.AsObject().ContainsKey("tag").Should().BeFalse("tag is shown from 2.70");
        var made = (await client.GetAsync($"{V2}/ports/{madePort}")).Json["port"]!;
        made["device_id"]!.GetValue<string>().Should().Be(serverId);
        made["device_owner"]!.GetValue<string>().Should().Be("compute:nova");
        (await client.GetAsync($"{V2}/ports/{userPort}")).Json["port"]!["device_id"]!.GetValue<string>().Should().Be(serverId);

        (await AddressesAsync(client, serverId)).Should().HaveCount(3).And.Contain(["10.71.0.9", "10.71.0.50"]);
        var listed = (await client.GetAsync($"/v2.1/servers/{serverId}/os-interface", "2.70")).Json["interfaceAttachments"]!.AsArray();
        listed.Select(a => a!["port_id"]!.GetValue<string>()).Should().HaveCount(3).And.Contain([userPort, madePort]);
        listed.Single(a => a!["port_id"]!.GetValue<string>() == userPort)!["tag"]!.GetValue<string>().Should().Be("nic-b");
        var shown = await client.GetAsync($"/v2.1/servers/{serverId}/os-interface/{madePort}");
        shown.Status.Should().Be(HttpStatusCode.OK, shown.Body);
        shown.Json["interfaceAttachment"]!["fixed_ips"]![0]!["ip_address"]!.GetValue<string>().Should().Be("10.71.0.50");

        (await client.DeleteAsync($"/v2.1/servers/{serverId}/os-interface/{userPort}")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.DeleteAsync($"/v2.1/servers/{serverId}/os-interface/{madePort}")).Status.Should().Be(HttpStatusCode.Accepted);
        var kept = (await client.GetAsync($"{V2}/ports/{userPort}")).Json["port"]!;
        kept["device_id"]!.GetValue<string>().Should().Be("", "a user's port is unbound and kept");
        kept["device_owner"]!.GetValue<string>().Should().Be("");
        (await client.GetAsync($"{V2}/ports/{madePort}")).Status.Should().Be(HttpStatusCode.NotFound, "the port Nova made for the network is deleted");
        (await AddressesAsync(client, serverId)).Should().ContainSingle().And.NotContain(["10.71.0.9", "10.71.0.50"]);

        ShouldBeFault(await client.GetAsync($"/v2.1/servers/{serverId}/os-interface/{userPort}"), HttpStatusCode.NotFound, "itemNotFound",
            $"Instance {serverId} does not have a port with id {userPort}");
        ShouldBeFault(await client.DeleteAsync($"/v2.1/servers/{serverId}/os-interface/{userPort}"), HttpStatusCode.NotFound, "itemNotFound",
            $"Port {userPort} is not attached");
        var actions = (await client.GetAsync($"/v2.1/servers/{serverId}/os-instance-actions")).Json["instanceActions"]!.AsArray()
            .Select(a => a!["action"]!.GetValue<string>()).ToList();
        actions.Count(a => a == "attach_interface").Should().Be(2);
        actions.Count(a => a == "detach_interface").Should().Be(2);
    }

    [Fact]
    public async Task Attach_and_detach_answer_Novas_faults_and_respect_the_lock()
    {
        var project = NewProject();
        using var client = Client(project);
        var networkId = await NetworkAsync(client, "fault-net", "10.72.0.0/24");
        var freePort = await PortAsync(client, networkId, "10.72.0.9");
        var serverId = await ActiveServerAsync(client, networkId);
        var other = await ActiveServerAsync(client, networkId);
        var othersPort = (await client.GetAsync($"/v2.1/servers/{other}/os-interface")).Json["interfaceAttachments"]![0]!["port_id"]!.GetValue<string>();
        var path = $"/v2.1/servers/{serverId}/os-interface";

        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"net_id": "{{{networkId}}}", "port_id": "{{{freePort}}}"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Must not input both network_id and port_id");
        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{freePort}}}", "fixed_ips": [{"ip_address": "10.72.0.7"}]}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Must input network_id when request IP address");
        (await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{freePort}}}", "tag": "t"}}""", "2.48")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync(path, $$$"""{"interfaceAttachment": {"net_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "not-an-ip"}]}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        var unknownPort = Guid.NewGuid();
        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{unknownPort}}}"}}"""),
            HttpStatusCode.NotFound, "itemNotFound", $"Port id {unknownPort} could not be found.");
        var unknownNetwork = Guid.NewGuid();
        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"net_id": "{{{unknownNetwork}}}"}}"""),
            HttpStatusCode.NotFound, "itemNotFound", $"Network {unknownNetwork} could not be found.");
        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{othersPort}}}"}}"""),
            HttpStatusCode.Conflict, "conflictingRequest", $"Port {othersPort} is still in use.");
        (await client.PostAsync(path, $$$"""{"interfaceAttachment": {"net_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "10.72.0.9"}]}}"""))
            .Status.Should().Be(HttpStatusCode.Conflict, "the address is the free port's");
        using (var stranger = Client(NewProject()))
        {
            (await stranger.GetAsync(path)).Status.Should().Be(HttpStatusCode.NotFound);
            (await stranger.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{freePort}}}"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        }

        (await client.PostAsync($"/v2.1/servers/{serverId}/action", """{"lock": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        ShouldBeFault(await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{freePort}}}"}}"""),
            HttpStatusCode.Conflict, "conflictingRequest", $"Instance {serverId} is locked");
        var ownPort = (await client.GetAsync(path)).Json["interfaceAttachments"]![0]!["port_id"]!.GetValue<string>();
        ShouldBeFault(await client.DeleteAsync($"{path}/{ownPort}"), HttpStatusCode.Conflict, "conflictingRequest", $"Instance {serverId} is locked");
        (await client.PostAsync($"/v2.1/servers/{serverId}/action", """{"unlock": null}""")).Status.Should().Be(HttpStatusCode.Accepted);

        (await client.PostAsync($"/v2.1/servers/{serverId}/action", """{"pause": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(serverId, "PAUSED");
        (await client.PostAsync(path, $$$"""{"interfaceAttachment": {"port_id": "{{{freePort}}}"}}""")).Status.Should().Be(HttpStatusCode.OK, "a paused server takes an interface");
        (await client.GetAsync($"{V2}/ports/{freePort}")).Json["port"]!["device_id"]!.GetValue<string>().Should().Be(serverId);
        (await client.GetAsync(path)).Json["interfaceAttachments"]!.AsArray().Should().HaveCount(2);
        (await AddressesAsync(client, other)).Should().ContainSingle("the other server keeps its one port");
    }
}
