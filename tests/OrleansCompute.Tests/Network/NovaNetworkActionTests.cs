using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The server actions Nova answers with Neutron: floating and fixed IPs below 2.44 (404 from 2.44), security groups
/// on the server's ports, floating IPs in <c>addresses</c> however they were associated; the 2.37 split of
/// <c>networks</c>; and the 403 for an interface on an external network.
/// </summary>
public sealed class NovaNetworkActionTests(NovaNetworkHostFixture fixture) : IClassFixture<NovaNetworkHostFixture>
{
    private const string V2 = "/network/v2.0";

    private static string NewProject() => "a" + Guid.NewGuid().ToString("N")[..10];

    private NovaClient Client(string project) => NovaClient.For(fixture.Host, $"{project}-user:{project}");

    private static void ShouldBeFault(NovaResponse response, HttpStatusCode status, string key, string message)
    {
        response.Status.Should().Be(status, response.Body);
        response.Json[key]!["message"]!.GetValue<string>().Should().Be(message);
    }

    private static async Task<string> CreatedIdAsync(NovaClient client, string collection, string key, string json)
    {
        var created = await client.PostAsync($"{V2}/{collection}", json);
        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        return created.Json[key]!["id"]!.GetValue<string>();
    }

    /// <summary>A project network with a /24 and a server booted on it; answers (network, server).</summary>
    private static async Task<(string Network, string Server)> ServerOnOwnNetworkAsync(NovaClient client, string cidr)
    {
        var network = await CreatedIdAsync(client, "networks", "network", """{"network": {"name": "own"}}""");
        await CreatedIdAsync(client, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{network}}}", "ip_version": 4, "cidr": "{{{cidr}}}"}}""");
        var server = await client.CreateServerAsync("acts", $$$""", "networks": [{"uuid": "{{{network}}}"}]""", version: "2.1");
        await client.WaitForStatusAsync(server, "ACTIVE");
        return (network, server);
    }

    private static async Task<JsonArray> AddressesAsync(NovaClient client, string server) =>
        (await client.GetAsync($"/v2.1/servers/{server}")).Json["server"]!["addresses"]!["own"]!.AsArray();

    private static Task<NovaResponse> ActAsync(NovaClient client, string server, string body, string version = "2.43") =>
        client.PostAsync($"/v2.1/servers/{server}/action", body, version);

    [Fact]
    public async Task Floating_ips_associate_through_the_actions_below_2_44_and_through_Neutron_and_show_in_addresses()
    {
        var project = NewProject();
        using var client = Client(project);
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var external = await CreatedIdAsync(admin, "networks", "network", """{"network": {"name": "ext-fip", "router:external": true}}""");
        await CreatedIdAsync(admin, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{external}}}", "ip_version": 4, "cidr": "198.51.100.0/28", "enable_dhcp": false}}""");
        var (_, server) = await ServerOnOwnNetworkAsync(client, "10.81.0.0/24");
        var floating = await client.PostAsync($"{V2}/floatingips", $$$"""{"floatingip": {"floating_network_id": "{{{external}}}"}}""");
        var address = floating.Json["floatingip"]!["floating_ip_address"]!.GetValue<string>();
        var floatingId = floating.Json["floatingip"]!["id"]!.GetValue<string>();
        var fixedIp = (await AddressesAsync(client, server))[0]!;

        ShouldBeFault(await ActAsync(client, server, $$$"""{"addFloatingIp": {"address": "{{{address}}}"}}""", "2.44"), HttpStatusCode.NotFound, "itemNotFound", "The resource could not be found.");
        ShouldBeFault(await ActAsync(client, server, """{"addFloatingIp": {"address": "198.51.100.14"}}"""), HttpStatusCode.NotFound, "itemNotFound", "floating IP not found");
        ShouldBeFault(await ActAsync(client, server, $$$"""{"addFloatingIp": {"address": "{{{address}}}", "fixed_address": "10.99.0.1"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Specified fixed address not assigned to instance");
        (await ActAsync(client, server, """{"addFloatingIp": {"address": "not-an-ip"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await ActAsync(client, server, $$$"""{"addFloatingIp": {"address": "{{{address}}}"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        var addresses = await AddressesAsync(client, server);
        addresses.Should().HaveCount(2);
        addresses[1]!["addr"]!.GetValue<string>().Should().Be(address);
        addresses[1]!["OS-EXT-IPS:type"]!.GetValue<string>().Should().Be("floating");
        addresses[1]!["OS-EXT-IPS-MAC:mac_addr"]!.GetValue<string>().Should().Be(fixedIp["OS-EXT-IPS-MAC:mac_addr"]!.GetValue<string>());
        (await client.GetAsync($"{V2}/floatingips/{floatingId}")).Json["floatingip"]!["fixed_ip_address"]!.GetValue<string>()
            .Should().Be(fixedIp["addr"]!.GetValue<string>());

        (await ActAsync(client, server, $$$"""{"removeFloatingIp": {"address": "{{{address}}}"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await AddressesAsync(client, server)).Should().ContainSingle();
        ShouldBeFault(await ActAsync(client, server, $$$"""{"removeFloatingIp": {"address": "{{{address}}}"}}"""), HttpStatusCode.Conflict, "conflictingRequest",
            $"Floating IP {address} is not associated with instance {server}.");

        // Associated through Neutron's own route (what the openstack CLI does): the server shows it all the same.
        var portId = (await client.GetAsync($"/v2.1/servers/{server}/os-interface")).Json["interfaceAttachments"]![0]!["port_id"]!.GetValue<string>();
        (await client.SendAsync(HttpMethod.Put, $"{V2}/floatingips/{floatingId}", $$$"""{"floatingip": {"port_id": "{{{portId}}}"}}""")).Status.Should().Be(HttpStatusCode.OK);
        (await AddressesAsync(client, server)).Select(a => a!["OS-EXT-IPS:type"]!.GetValue<string>()).Should().Equal("fixed", "floating");
        (await client.DeleteAsync($"{V2}/floatingips/{floatingId}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await AddressesAsync(client, server)).Should().ContainSingle();
    }

    [Fact]
    public async Task Fixed_ips_are_added_to_and_removed_from_the_servers_port_below_2_44()
    {
        using var client = Client(NewProject());
        var (network, server) = await ServerOnOwnNetworkAsync(client, "10.82.0.0/24");
        ShouldBeFault(await ActAsync(client, server, $$$"""{"addFixedIp": {"networkId": "{{{network}}}"}}""", "2.44"), HttpStatusCode.NotFound, "itemNotFound", "The resource could not be found.");
        (await ActAsync(client, server, """{"addFixedIp": {}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await ActAsync(client, server, $$$"""{"addFixedIp": {"networkId": "{{{network}}}"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        var addresses = (await AddressesAsync(client, server)).Select(a => a!["addr"]!.GetValue<string>()).ToList();
        addresses.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        var portId = (await client.GetAsync($"/v2.1/servers/{server}/os-interface")).Json["interfaceAttachments"]![0]!["port_id"]!.GetValue<string>();
        (await client.GetAsync($"{V2}/ports/{portId}")).Json["port"]!["fixed_ips"]!.AsArray().Should().HaveCount(2);

        (await ActAsync(client, server, $$$"""{"removeFixedIp": {"address": "{{{addresses[1]}}}"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await AddressesAsync(client, server)).Select(a => a!["addr"]!.GetValue<string>()).Should().Equal(addresses[0]);
        // Nova casts the call to the compute service: an address the server does not hold is still 202, and nothing changes.
        (await ActAsync(client, server, """{"removeFixedIp": {"address": "10.82.0.250"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.GetAsync($"/v2.1/servers/{server}/os-instance-actions")).Json["instanceActions"]!.AsArray()
            .Select(a => a!["action"]!.GetValue<string>()).Should().Equal("create");
    }

    [Fact]
    public async Task Security_group_actions_change_the_ports_groups_and_the_server_reads_them_back()
    {
        var project = NewProject();
        using var client = Client(project);
        var (_, server) = await ServerOnOwnNetworkAsync(client, "10.83.0.0/24");
        var web = await CreatedIdAsync(client, "security-groups", "security_group", """{"security_group": {"name": "web"}}""");
        var portId = (await client.GetAsync($"/v2.1/servers/{server}/os-interface")).Json["interfaceAttachments"]![0]!["port_id"]!.GetValue<string>();

        (await ActAsync(client, server, """{"addSecurityGroup": {"name": "web"}}""", "2.1")).Status.Should().Be(HttpStatusCode.Accepted);
        var groups = (await client.GetAsync($"{V2}/ports/{portId}")).Json["port"]!["security_groups"]!.AsArray().Select(g => g!.GetValue<string>());
        groups.Should().Contain(web).And.HaveCount(2);
        (await client.GetAsync($"/v2.1/servers/{server}")).Json["server"]!["security_groups"]!.AsArray()
            .Select(g => g!["name"]!.GetValue<string>()).Should().Equal("default", "web");
        (await client.GetAsync($"/v2.1/servers/{server}/os-security-groups")).Json["security_groups"]!.AsArray()
            .Select(g => g!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["default", "web"]);
        ShouldBeFault(await ActAsync(client, server, """{"addSecurityGroup": {"name": "web"}}""", "2.1"), HttpStatusCode.BadRequest, "badRequest",
            $"Invalid input for security_groups. Reason: Duplicate items in the list: '{web}'.");

        (await ActAsync(client, server, $$$"""{"removeSecurityGroup": {"name": "{{{web}}}"}}""", "2.1")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.GetAsync($"{V2}/ports/{portId}")).Json["port"]!["security_groups"]!.AsArray().Should().ContainSingle();
        (await client.GetAsync($"/v2.1/servers/{server}")).Json["server"]!["security_groups"]!.AsArray()
            .Select(g => g!["name"]!.GetValue<string>()).Should().Equal("default");
        ShouldBeFault(await ActAsync(client, server, """{"removeSecurityGroup": {"name": "web"}}""", "2.1"), HttpStatusCode.NotFound, "itemNotFound",
            $"Security group web not associated with the instance {server}");
        ShouldBeFault(await ActAsync(client, server, """{"addSecurityGroup": {"name": "nope"}}""", "2.1"), HttpStatusCode.NotFound, "itemNotFound",
            $"Security group nope is not found for project {project}");
    }

    [Fact]
    public async Task Networks_split_at_2_37_and_auto_without_a_network_is_Novas_400()
    {
        var project = NewProject();
        using var client = Client(project);
        string Body(string networks) => $$$"""{"server": {"name": "n", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"{{{networks}}}}}""";

        ShouldBeFault(await client.PostAsync("/v2.1/servers", Body(""", "networks": "auto" """), "2.37"), HttpStatusCode.BadRequest, "badRequest",
            $"Unable to automatically allocate a network for project {project}");
        ShouldBeFault(await client.PostAsync("/v2.1/servers", Body(""", "networks": "auto" """), "2.36"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid input for field/attribute networks. Value: auto. 'auto' is not of type 'array'");
        var notOneOf = await client.PostAsync("/v2.1/servers", Body(""", "networks": 5 """), "2.37");
        ShouldBeFault(notOneOf, HttpStatusCode.BadRequest, "badRequest", "Invalid input for field/attribute networks. Value: 5. 5 is not valid under any of the given schemas");

        // Nothing asked for (below 2.37), an empty list, or "none": no network available boots without one.
        var nothing = await client.PostAsync("/v2.1/servers", Body(""), "2.36");
        nothing.Status.Should().Be(HttpStatusCode.Accepted, nothing.Body);
        var empty = await client.PostAsync("/v2.1/servers", Body(""", "networks": [] """), "2.37");
        empty.Status.Should().Be(HttpStatusCode.Accepted, empty.Body);
        var none = await client.PostAsync("/v2.1/servers", Body(""", "networks": "none" """), "2.37");
        none.Status.Should().Be(HttpStatusCode.Accepted, none.Body);
        foreach (var created in new[] { nothing, empty, none })
        {
            var server = await client.WaitForStatusAsync(created.Json["server"]!["id"]!.GetValue<string>(), "ACTIVE");
            server["addresses"]!.AsObject().Should().BeEmpty();
        }

        // With one network of its own, "auto" and an empty list both take it.
        var network = await CreatedIdAsync(client, "networks", "network", """{"network": {"name": "own"}}""");
        await CreatedIdAsync(client, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{network}}}", "ip_version": 4, "cidr": "10.84.0.0/24"}}""");
        foreach (var networks in new[] { """, "networks": "auto" """, """, "networks": [] """ })
        {
            var created = await client.PostAsync("/v2.1/servers", Body(networks), "2.37");
            created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
            var server = await client.WaitForStatusAsync(created.Json["server"]!["id"]!.GetValue<string>(), "ACTIVE");
            server["addresses"]!["own"]!.AsArray().Should().ContainSingle();
        }
    }

    [Fact]
    public async Task An_interface_on_an_external_network_is_Novas_403_for_a_project_user()
    {
        using var client = Client(NewProject());
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var external = await CreatedIdAsync(admin, "networks", "network", """{"network": {"name": "ext-iface", "router:external": true}}""");
        await CreatedIdAsync(admin, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{external}}}", "ip_version": 4, "cidr": "198.51.100.64/28"}}""");
        var (_, server) = await ServerOnOwnNetworkAsync(client, "10.85.0.0/24");

        ShouldBeFault(await client.PostAsync($"/v2.1/servers/{server}/os-interface", $$$"""{"interfaceAttachment": {"net_id": "{{{external}}}"}}"""),
            HttpStatusCode.Forbidden, "forbidden", $"It is not allowed to create an interface on external network {external}");
        (await client.GetAsync($"/v2.1/servers/{server}/os-interface")).Json["interfaceAttachments"]!.AsArray().Should().ContainSingle();
        var byAdmin = await admin.PostAsync($"/v2.1/servers/{server}/os-interface", $$$"""{"interfaceAttachment": {"net_id": "{{{external}}}"}}""");
        byAdmin.Status.Should().Be(HttpStatusCode.OK, byAdmin.Body);
    }
}
