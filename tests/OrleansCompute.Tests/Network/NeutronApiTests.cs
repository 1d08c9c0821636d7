using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The built-in network service over HTTP on a real host: Neutron's shapes, codes and NeutronError faults,
/// address allocation through ports, project isolation and admin-only attributes, and ports as the truth of a
/// server's addresses. Each test uses a project of its own.
/// </summary>
public sealed class NeutronApiTests(NetworkHostFixture fixture) : IClassFixture<NetworkHostFixture>
{
    private const string V2 = "/network/v2.0";

    private static string NewProject() => "p" + Guid.NewGuid().ToString("N")[..10];

    private NovaClient Client(string project) => NovaClient.For(fixture.Host, $"{project}-user:{project}");

    private NovaClient Admin() => NovaClient.For(fixture.Host, "admin:admin");

    private static async Task<JsonNode> CreatedAsync(NovaClient client, string collection, string key, string body)
    {
        var response = await client.PostAsync($"{V2}/{collection}", body);
        response.Status.Should().Be(HttpStatusCode.Created, response.Body);
        return response.Json[key]!;
    }

    private static void ShouldBeNeutronError(NovaResponse response, HttpStatusCode status, string type)
    {
        response.Status.Should().Be(status, response.Body);
        var error = response.Json["NeutronError"]!;
        error["type"]!.GetValue<string>().Should().Be(type, response.Body);
        error["message"]!.GetValue<string>().Should().NotBeEmpty();
        error["detail"]!.GetValue<string>().Should().Be("");
    }

    [Fact]
    public async Task A_network_with_ipv4_and_ipv6_subnets_gives_ports_one_address_of_each_never_the_same_twice()
    {
        var project = NewProject();
        using var client = Client(project);
        var network = await CreatedAsync(client, "networks", "network", """{"network": {"name": "net-a"}}""");
        network["status"]!.GetValue<string>().Should().Be("ACTIVE");
        network["project_id"]!.GetValue<string>().Should().Be(project);
        network["tenant_id"]!.GetValue<string>().Should().Be(project);
        network["router:external"]!.GetValue<bool>().Should().BeFalse();
        var networkId = network["id"]!.GetValue<string>();

        var v4 = await CreatedAsync(client, "subnets", "subnet",
            $$$"""{"subnet": {"network_id": "{{{networkId}}}", "ip_version": 4, "cidr": "10.20.0.0/24", "dns_nameservers": ["8.8.8.8"], "host_routes": [{"destination": "10.30.0.0/24", "nexthop": "10.20.0.254"}]}}""");
        v4["gateway_ip"]!.GetValue<string>().Should().Be("10.20.0.1");
        v4["allocation_pools"]![0]!["start"]!.GetValue<string>().Should().Be("10.20.0.2");
        v4["allocation_pools"]![0]!["end"]!.GetValue<string>().Should().Be("10.20.0.254");
        v4["enable_dhcp"]!.GetValue<bool>().Should().BeTrue();
        v4["host_routes"]![0]!["nexthop"]!.GetValue<string>().Should().Be("10.20.0.254");
        var v6 = await CreatedAsync(client, "subnets", "subnet",
            $$$"""{"subnet": {"network_id": "{{{networkId}}}", "ip_version": 6, "cidr": "fd00:20::/64", "ipv6_address_mode": "dhcpv6-stateful", "ipv6_ra_mode": "dhcpv6-stateful"}}""");
        v6["gateway_ip"]!.GetValue<string>().Should().Be("fd00:20::1");

        var overlap = await client.PostAsync($"{V2}/subnets", $$$"""{"subnet": {"network_id": "{{{networkId}}}", "ip_version": 4, "cidr": "10.20.0.128/25"}}""");
        ShouldBeNeutronError(overlap, HttpStatusCode.BadRequest, "InvalidInput");

        var port = await CreatedAsync(client, "ports", "port", $$$"""{"port": {"network_id": "{{{networkId}}}", "name": "p1"}}""");
        port["mac_address"]!.GetValue<string>().Should().MatchRegex("^fa:16:3e(:[0-9a-f]{2}){3}$");
        var addresses = port["fixed_ips"]!.AsArray().Select(f => f!["ip_address"]!.GetValue<string>()).ToList();
        addresses.Should().HaveCount(2).And.Contain(a => a.StartsWith("10.20.0.", StringComparison.Ordinal)).And.Contain(a => a.StartsWith("fd00:20::", StringComparison.Ordinal));
        port["security_groups"]!.AsArray().Should().ContainSingle("the project's default group");
        port.AsObject().ContainsKey("binding:host_id").Should().BeFalse("binding attributes are for admins");

        var taken = addresses.First(a => a.StartsWith("10.", StringComparison.Ordinal));
        var conflict = await client.PostAsync($"{V2}/ports", $$$"""{"port": {"network_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "{{{taken}}}"}]}}""");
        ShouldBeNeutronError(conflict, HttpStatusCode.Conflict, "IpAddressAlreadyAllocated");
        var outside = await client.PostAsync($"{V2}/ports", $$$"""{"port": {"network_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "192.0.2.7"}]}}""");
        ShouldBeNeutronError(outside, HttpStatusCode.BadRequest, "InvalidIpForNetwork");
        var chosen = await CreatedAsync(client, "ports", "port",
            $$$"""{"port": {"network_id": "{{{networkId}}}", "fixed_ips": [{"subnet_id": "{{{v4["id"]}}}", "ip_address": "10.20.0.77"}], "port_security_enabled": false}}""");
        chosen["fixed_ips"]!.AsArray().Should().ContainSingle().Which!["ip_address"]!.GetValue<string>().Should().Be("10.20.0.77");
        chosen["security_groups"]!.AsArray().Should().BeEmpty();

        var filtered = await client.GetAsync($"{V2}/ports?fixed_ips=ip_address%3D10.20.0.77");
        filtered.Json["ports"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(chosen["id"]!.GetValue<string>());

        ShouldBeNeutronError(await client.DeleteAsync($"{V2}/networks/{networkId}"), HttpStatusCode.Conflict, "NetworkInUse");
        ShouldBeNeutronError(await client.DeleteAsync($"{V2}/subnets/{v4["id"]}"), HttpStatusCode.Conflict, "SubnetInUse");
        (await client.DeleteAsync($"{V2}/ports/{port["id"]}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{V2}/ports/{chosen["id"]}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{V2}/networks/{networkId}")).Status.Should().Be(HttpStatusCode.NoContent);
        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks/{networkId}"), HttpStatusCode.NotFound, "NetworkNotFound");
        ShouldBeNeutronError(await client.GetAsync($"{V2}/subnets/{v4["id"]}"), HttpStatusCode.NotFound, "SubnetNotFound");
    }

    [Fact]
    public async Task Projects_see_only_their_own_and_shared_networks_and_admin_attributes_are_refused()
    {
        var owner = NewProject();
        using var client = Client(owner);
        using var other = Client(NewProject());
        using var admin = Admin();
        var network = await CreatedAsync(client, "networks", "network", """{"network": {"name": "private-of-owner"}}""");
        var id = network["id"]!.GetValue<string>();

        ShouldBeNeutronError(await other.GetAsync($"{V2}/networks/{id}"), HttpStatusCode.NotFound, "NetworkNotFound");
        (await other.GetAsync($"{V2}/networks")).Json["networks"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Should().NotContain(id);
        (await other.GetAsync($"{V2}/networks")).Json["networks"]!.AsArray().Should().Contain(n => n!["name"]!.GetValue<string>() == "private", "the configured network is shared");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/networks", """{"network": {"shared": true}}"""), HttpStatusCode.Forbidden, "PolicyNotAuthorized");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/networks", """{"network": {"bogus": 1}}"""), HttpStatusCode.BadRequest, "HTTPBadRequest");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/ports", $$$"""{"port": {"network_id": "{{{id}}}", "binding:host_id": "compute-1"}}"""), HttpStatusCode.Forbidden, "PolicyNotAuthorized");

        var shown = await admin.GetAsync($"{V2}/networks/{id}");
        shown.Status.Should().Be(HttpStatusCode.OK);
        var shared = await admin.SendAsync(HttpMethod.Put, $"{V2}/networks/{id}", """{"network": {"shared": true}}""");
        shared.Status.Should().Be(HttpStatusCode.OK, shared.Body);
        shared.Json["network"]!["revision_number"]!.GetValue<long>().Should().Be(2);
        (await other.GetAsync($"{V2}/networks/{id}")).Status.Should().Be(HttpStatusCode.OK, "a shared network is seen by every project");

        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks/not-a-uuid"), HttpStatusCode.NotFound, "NetworkNotFound");
        ShouldBeNeutronError(await client.GetAsync($"{V2}/routers"), HttpStatusCode.NotFound, "HTTPNotFound");
    }

    [Fact]
    public async Task Lists_filter_sort_page_and_select_fields_as_neutron()
    {
        var project = NewProject();
        using var client = Client(project);
        foreach (var name in new[] { "c-net", "a-net", "b-net" })
        {
            await CreatedAsync(client, "networks", "network", $$$"""{"network": {"name": "{{{name}}}", "mtu": 1400}}""");
        }

        var own = $"{V2}/networks?project_id={project}&sort_key=name&sort_dir=desc";
        var all = await client.GetAsync(own);
        all.Json["networks"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Should().Equal("c-net", "b-net", "a-net");

        var first = await client.GetAsync(own + "&limit=2&fields=id&fields=name");
        var page = first.Json["networks"]!.AsArray();
        page.Select(n => n!["name"]!.GetValue<string>()).Should().Equal("c-net", "b-net");
        page[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "name"]);
        var next = first.Json["networks_links"]!.AsArray().Should().ContainSingle(l => l!["rel"]!.GetValue<string>() == "next").Subject!["href"]!.GetValue<string>();
        var second = await client.GetAsync(new Uri(next).PathAndQuery);
        second.Json["networks"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Should().Equal("a-net");
        second.Json["networks_links"]!.AsArray().Should().ContainSingle(l => l!["rel"]!.GetValue<string>() == "previous");

        (await client.GetAsync($"{V2}/networks?name=a-net&name=b-net&project_id={project}")).Json["networks"]!.AsArray().Should().HaveCount(2);
        (await client.GetAsync($"{V2}/networks?admin_state_up=True&project_id={project}")).Json["networks"]!.AsArray().Should().HaveCount(3);
        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks?sort_key=colour"), HttpStatusCode.BadRequest, "HTTPBadRequest");
        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks?limit=-1"), HttpStatusCode.BadRequest, "HTTPBadRequest");
        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks?limit=1&marker={Guid.NewGuid()}"), HttpStatusCode.NotFound, "NetworkNotFound");
        ShouldBeNeutronError(await client.GetAsync($"{V2}/networks?colour=blue"), HttpStatusCode.BadRequest, "HTTPBadRequest");
    }

    [Fact]
    public async Task Security_groups_have_a_default_per_project_and_rules_are_checked_as_neutron()
    {
        var project = NewProject();
        using var client = Client(project);
        var groups = (await client.GetAsync($"{V2}/security-groups")).Json["security_groups"]!.AsArray();
        var @default = groups.Should().ContainSingle().Subject!;
        @default["name"]!.GetValue<string>().Should().Be("default");
        @default["security_group_rules"]!.AsArray().Should().HaveCount(4);
        ShouldBeNeutronError(await client.PostAsync($"{V2}/security-groups", """{"security_group": {"name": "default"}}"""), HttpStatusCode.Conflict, "SecurityGroupDefaultAlreadyExists");

        var web = await CreatedAsync(client, "security-groups", "security_group", """{"security_group": {"name": "web", "description": "http"}}""");
        var webId = web["id"]!.GetValue<string>();
        web["security_group_rules"]!.AsArray().Should().HaveCount(2).And.OnlyContain(r => r!["direction"]!.GetValue<string>() == "egress");
        var rule = $$$"""{"security_group_rule": {"security_group_id": "{{{webId}}}", "direction": "ingress", "protocol": "tcp", "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "0.0.0.0/0"}}""";
        var created = await CreatedAsync(client, "security-group-rules", "security_group_rule", rule);
        created["ethertype"]!.GetValue<string>().Should().Be("IPv4");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/security-group-rules", rule), HttpStatusCode.Conflict, "SecurityGroupRuleExists");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{webId}}}", "direction": "ingress", "protocol": "tcp", "port_range_min": 90, "port_range_max": 80}}"""),
            HttpStatusCode.BadRequest, "SecurityGroupInvalidPortRange");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{webId}}}", "direction": "ingress", "port_range_min": 22, "port_range_max": 22}}"""),
            HttpStatusCode.BadRequest, "SecurityGroupProtocolRequiredWithPorts");
        ShouldBeNeutronError(await client.PostAsync($"{V2}/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{webId}}}", "direction": "sideways"}}"""), HttpStatusCode.BadRequest, "InvalidInput");

        (await client.GetAsync($"{V2}/security-groups/{webId}")).Json["security_group"]!["security_group_rules"]!.AsArray().Should().HaveCount(3);
        using var other = Client(NewProject());
        ShouldBeNeutronError(await other.GetAsync($"{V2}/security-groups/{webId}"), HttpStatusCode.NotFound, "SecurityGroupNotFound");
        (await client.DeleteAsync($"{V2}/security-group-rules/{created["id"]}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{V2}/security-groups/{webId}")).Status.Should().Be(HttpStatusCode.NoContent);
        ShouldBeNeutronError(await client.DeleteAsync($"{V2}/security-groups/{@default["id"]}"), HttpStatusCode.Conflict, "SecurityGroupCannotRemoveDefault");
    }

    [Fact]
    public async Task A_floating_ip_comes_from_an_external_network_and_follows_its_port()
    {
        var project = NewProject();
        using var client = Client(project);
        using var admin = Admin();
        var external = await CreatedAsync(admin, "networks", "network", """{"network": {"name": "public-fip", "router:external": true}}""");
        await CreatedAsync(admin, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{external["id"]}}}", "ip_version": 4, "cidr": "203.0.113.0/28", "enable_dhcp": false}}""");
        var network = await CreatedAsync(client, "networks", "network", """{"network": {"name": "inside"}}""");
        await CreatedAsync(client, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{network["id"]}}}", "ip_version": 4, "cidr": "10.40.0.0/24"}}""");
        var port = await CreatedAsync(client, "ports", "port", $$$"""{"port": {"network_id": "{{{network["id"]}}}"}}""");

        ShouldBeNeutronError(await client.PostAsync($"{V2}/floatingips", $$$"""{"floatingip": {"floating_network_id": "{{{network["id"]}}}"}}"""), HttpStatusCode.BadRequest, "BadRequest");
        var floating = await CreatedAsync(client, "floatingips", "floatingip", $$$"""{"floatingip": {"floating_network_id": "{{{external["id"]}}}"}}""");
        floating["floating_ip_address"]!.GetValue<string>().Should().Be("203.0.113.2");
        floating["status"]!.GetValue<string>().Should().Be("DOWN");
        var id = floating["id"]!.GetValue<string>();

        var associated = await client.SendAsync(HttpMethod.Put, $"{V2}/floatingips/{id}", $$$"""{"floatingip": {"port_id": "{{{port["id"]}}}"}}""");
        associated.Status.Should().Be(HttpStatusCode.OK, associated.Body);
        associated.Json["floatingip"]!["fixed_ip_address"]!.GetValue<string>().Should().Be(port["fixed_ips"]![0]!["ip_address"]!.GetValue<string>());
        associated.Json["floatingip"]!["port_details"]!["network_id"]!.GetValue<string>().Should().Be(network["id"]!.GetValue<string>());
        (await client.GetAsync($"{V2}/floatingips?port_id={port["id"]}")).Json["floatingips"]!.AsArray().Should().ContainSingle();

        var dissociated = await client.SendAsync(HttpMethod.Put, $"{V2}/floatingips/{id}", """{"floatingip": {"port_id": null}}""");
        dissociated.Json["floatingip"]!["port_id"].Should().BeNull();
        (await client.DeleteAsync($"{V2}/floatingips/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        ShouldBeNeutronError(await client.GetAsync($"{V2}/floatingips/{id}"), HttpStatusCode.NotFound, "FloatingIPNotFound");
    }

    [Fact]
    public async Task A_server_takes_its_addresses_from_ports_and_gives_them_back_on_delete()
    {
        var project = NewProject();
        using var client = Client(project);
        var network = await CreatedAsync(client, "networks", "network", """{"network": {"name": "boot-net"}}""");
        var networkId = network["id"]!.GetValue<string>();
        await CreatedAsync(client, "subnets", "subnet", $$$"""{"subnet": {"network_id": "{{{networkId}}}", "ip_version": 4, "cidr": "10.50.0.0/24"}}""");
        var userPort = await CreatedAsync(client, "ports", "port", $$$"""{"port": {"network_id": "{{{networkId}}}", "fixed_ips": [{"ip_address": "10.50.0.9"}]}}""");
        var portId = userPort["id"]!.GetValue<string>();

        var unknownGroup = await client.PostAsync("/v2.1/servers",
            $$$"""{"server": {"name": "bad", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": [{"uuid": "{{{networkId}}}"}], "security_groups": [{"name": "nope"}]}}""");
        unknownGroup.Status.Should().Be(HttpStatusCode.BadRequest);
        unknownGroup.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Security group nope not found.");
        var unknownNetwork = await client.PostAsync("/v2.1/servers",
            $$$"""{"server": {"name": "bad", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": [{"uuid": "{{{Guid.NewGuid()}}}"}]}}""");
        unknownNetwork.Status.Should().Be(HttpStatusCode.BadRequest, unknownNetwork.Body);

        var id = await client.CreateServerAsync("two-nics", $$$""", "networks": [{"uuid": "{{{networkId}}}"}, {"port": "{{{portId}}}"}]""", version: "2.1");
        var server = await client.WaitForStatusAsync(id, "ACTIVE");
        var addresses = server["addresses"]!["boot-net"]!.AsArray().Select(a => a!["addr"]!.GetValue<string>()).ToList();
        addresses.Should().HaveCount(2).And.Contain("10.50.0.9").And.OnlyHaveUniqueItems();

        var ports = (await client.GetAsync($"{V2}/ports?device_id={id}")).Json["ports"]!.AsArray();
        ports.Should().HaveCount(2).And.OnlyContain(p => p!["device_owner"]!.GetValue<string>() == "compute:nova" && p["status"]!.GetValue<string>() == "ACTIVE");
        ports.Select(p => p!["fixed_ips"]![0]!["ip_address"]!.GetValue<string>()).Should().BeEquivalentTo(addresses);
        ShouldBeNeutronError(await client.DeleteAsync($"{V2}/ports/{portId}"), HttpStatusCode.Conflict, "PortInUse");
        var taken = await client.PostAsync("/v2.1/servers",
            $$$"""{"server": {"name": "again", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": [{"port": "{{{portId}}}"}]}}""");
        taken.Status.Should().Be(HttpStatusCode.Conflict, taken.Body);

        (await client.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(
            async () => (await client.GetAsync($"{V2}/ports?network_id={networkId}")).Json["ports"]!.AsArray(),
            remaining => remaining.Count == 1 && remaining[0]!["device_id"]!.GetValue<string>() == "",
            because: "the port the create made is deleted and the user's port is unbound, as Nova does");
    }
}
