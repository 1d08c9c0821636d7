using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// Nova's network proxies below 2.36 (os-security-groups, os-security-group-rules, the server's groups, os-networks,
/// os-tenant-networks) over the network service, with Nova's shapes and faults; 404 from 2.36, 410 for what only
/// nova-network did.
/// </summary>
public sealed class NovaNetworkProxyTests(NovaNetworkHostFixture fixture) : IClassFixture<NovaNetworkHostFixture>
{
    private static string NewProject() => "p" + Guid.NewGuid().ToString("N")[..10];

    private NovaClient Client(string project) => NovaClient.For(fixture.Host, $"{project}-user:{project}");

    private static void ShouldBeFault(NovaResponse response, HttpStatusCode status, string key, string message)
    {
        response.Status.Should().Be(status, response.Body);
        response.Json[key]!["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public async Task Security_groups_and_rules_through_Novas_proxy_are_the_network_services_in_Novas_shapes()
    {
        var project = NewProject();
        using var client = Client(project);
        var created = await client.PostAsync("/v2.1/os-security-groups", """{"security_group": {"name": "web", "description": "  for the web  "}}""");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        var group = created.Json["security_group"]!;
        var id = group["id"]!.GetValue<string>();
        group["description"]!.GetValue<string>().Should().Be("for the web");
        group["tenant_id"]!.GetValue<string>().Should().Be(project);
        group["rules"]!.AsArray().Should().BeEmpty("Neutron's egress rules are not Nova's");
        (await client.GetAsync($"/network/v2.0/security-groups/{id}")).Json["security_group"]!["name"]!.GetValue<string>().Should().Be("web");

        var listed = (await client.GetAsync("/v2.1/os-security-groups")).Json["security_groups"]!.AsArray();
        listed.Select(g => g!["name"]!.GetValue<string>()).Should().Equal("default", "web");
        var defaultRules = listed[0]!["rules"]!.AsArray();
        defaultRules.Should().HaveCount(2, "the default group lets its own members in, IPv4 and IPv6");
        defaultRules[0]!["group"]!["name"]!.GetValue<string>().Should().Be("default");
        defaultRules[0]!["ip_range"]!.AsObject().Should().BeEmpty();
        (await client.GetAsync("/v2.1/os-security-groups?limit=1&offset=1")).Json["security_groups"]!.AsArray()
            .Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("web");

        var rule = await client.PostAsync("/v2.1/os-security-group-rules",
            $$$"""{"security_group_rule": {"parent_group_id": "{{{id}}}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "10.0.0.0/8"}}""");
        rule.Status.Should().Be(HttpStatusCode.OK, rule.Body);
        var shown = rule.Json["security_group_rule"]!;
        JsonNode.DeepEquals(shown["ip_range"], JsonNode.Parse("""{"cidr": "10.0.0.0/8"}""")).Should().BeTrue(shown.ToJsonString());
        shown["from_port"]!.GetValue<int>().Should().Be(22);
        shown["ip_protocol"]!.GetValue<string>().Should().Be("tcp");
        shown["parent_group_id"]!.GetValue<string>().Should().Be(id);
        var neutronRule = (await client.GetAsync($"/network/v2.0/security-group-rules/{shown["id"]}")).Json["security_group_rule"]!;
        neutronRule["direction"]!.GetValue<string>().Should().Be("ingress");
        neutronRule["port_range_min"]!.GetValue<int>().Should().Be(22);

        var again = await client.PostAsync("/v2.1/os-security-group-rules",
            $$$"""{"security_group_rule": {"parent_group_id": "{{{id}}}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "10.0.0.0/8"}}""");
        again.Status.Should().Be(HttpStatusCode.Forbidden, again.Body);
        ShouldBeFault(await client.PostAsync("/v2.1/os-security-group-rules", $$$"""{"security_group_rule": {"parent_group_id": "{{{id}}}", "ip_protocol": "tcp", "from_port": 30, "to_port": 20}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Invalid port range 30:20. Former value cannot be greater than the later");
        ShouldBeFault(await client.PostAsync("/v2.1/os-security-group-rules", $$$"""{"security_group_rule": {"parent_group_id": "{{{id}}}"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Not enough parameters to build a valid rule.");
        ShouldBeFault(await client.PostAsync("/v2.1/os-security-group-rules", """{"security_group_rule": {"parent_group_id": "nope", "ip_protocol": "tcp"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Security group id should be uuid");

        var renamed = await client.SendAsync(HttpMethod.Put, $"/v2.1/os-security-groups/{id}", """{"security_group": {"name": "www", "description": "d"}}""");
        renamed.Status.Should().Be(HttpStatusCode.OK, renamed.Body);
        renamed.Json["security_group"]!["rules"]!.AsArray().Should().ContainSingle();
        ShouldBeFault(await client.SendAsync(HttpMethod.Put, $"/v2.1/os-security-groups/{id}", """{"security_group": {"name": " ", "description": "d"}}"""),
            HttpStatusCode.BadRequest, "badRequest", "name has 0 characters, less than 1.");
        (await client.DeleteAsync($"/v2.1/os-security-group-rules/{shown["id"]}")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.DeleteAsync($"/v2.1/os-security-groups/{id}")).Status.Should().Be(HttpStatusCode.Accepted);
        ShouldBeFault(await client.GetAsync($"/v2.1/os-security-groups/{id}"), HttpStatusCode.NotFound, "itemNotFound", $"Security group {id} does not exist");
        ShouldBeFault(await client.DeleteAsync($"/v2.1/os-security-groups/{listed[0]!["id"]}"), HttpStatusCode.BadRequest, "badRequest",
            "Insufficient rights for removing default security group.");

        ShouldBeFault(await client.GetAsync("/v2.1/os-security-groups", "2.36"), HttpStatusCode.NotFound, "itemNotFound", "The resource could not be found.");
        (await client.GetAsync("/v2.1/os-security-groups", "2.35")).Status.Should().Be(HttpStatusCode.OK);
        using var stranger = Client(NewProject());
        (await stranger.GetAsync($"/v2.1/os-security-groups/{listed[0]!["id"]}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Os_networks_and_os_tenant_networks_read_the_visible_networks_as_Nova_with_Neutron()
    {
        var project = NewProject();
        using var client = Client(project);
        var network = await client.PostAsync("/network/v2.0/networks", """{"network": {"name": "mine"}}""");
        var id = network.Json["network"]!["id"]!.GetValue<string>();

        var listed = (await client.GetAsync("/v2.1/os-networks")).Json["networks"]!.AsArray();
        var mine = listed.Single(n => n!["id"]!.GetValue<string>() == id)!.AsObject();
        mine["label"]!.GetValue<string>().Should().Be("mine");
        mine.Select(p => p.Key).Should().BeEquivalentTo(["id", "cidr", "netmask", "gateway", "broadcast", "dns1", "dns2", "cidr_v6", "gateway_v6", "label", "netmask_v6"]);
        mine["cidr"].Should().BeNull();
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        (await admin.GetAsync($"/v2.1/os-networks/{id}")).Json["network"]!.AsObject().Should().ContainKeys("mtu", "project_id", "vlan");

        var tenant = (await client.GetAsync($"/v2.1/os-tenant-networks/{id}")).Json["network"]!;
        JsonNode.DeepEquals(tenant, JsonNode.Parse($$$"""{"id": "{{{id}}}", "cidr": "None", "label": "mine"}""")).Should().BeTrue(tenant.ToJsonString());
        (await client.GetAsync("/v2.1/os-tenant-networks")).Json["networks"]!.AsArray().Should().Contain(n => n!["id"]!.GetValue<string>() == id);

        using var stranger = Client(NewProject());
        ShouldBeFault(await stranger.GetAsync($"/v2.1/os-networks/{id}"), HttpStatusCode.NotFound, "itemNotFound", "Network not found");
        ShouldBeFault(await client.GetAsync($"/v2.1/os-tenant-networks/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "itemNotFound", "Network not found");
        (await client.GetAsync("/v2.1/os-networks", "2.36")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/v2.1/os-tenant-networks/{id}", "2.36")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync("/v2.1/os-tenant-networks", """{"network": {"label": "x"}}""")).Status.Should().Be(HttpStatusCode.Gone);
        (await client.PostAsync("/v2.1/os-networks/add", """{"id": null}""")).Status.Should().Be(HttpStatusCode.Gone);
    }
}
