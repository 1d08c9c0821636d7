using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// The scheduler over HTTP on the default fleet (compute-1..3 in zone nova, host IPs 192.168.10.11-13):
/// every hint and group policy, forced hosts, and NoValidHost as Nova records it.
/// </summary>
[Collection(CreateHostCollection.Name)]
public sealed class SchedulerTests(CreateHostFixture fixture)
{
    private async Task<(string Id, JsonNode Server)> BuildAsync(NovaClient client, string project, string name, string hints = "", string extra = "")
    {
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server(name, extra, hints));
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        var id = response.Json["server"]!["id"]!.GetValue<string>();
        return (id, await CreateTestBodies.AdminWaitAsync(fixture, project, id, "ACTIVE", "ERROR"));
    }

    private static string Host(JsonNode server) => server["OS-EXT-SRV-ATTR:host"]!.GetValue<string>();

    [Fact]
    public async Task A_placed_server_shows_its_host_node_instance_name_and_hostId_as_Nova_computes_them()
    {
        using var client = fixture.NewProject(out var project);
        var (id, server) = await BuildAsync(client, project, "placed");
        var host = Host(server);
        host.Should().MatchRegex("^compute-[123]$");
        server["OS-EXT-SRV-ATTR:hypervisor_hostname"]!.GetValue<string>().Should().Be(host);
        server["OS-EXT-SRV-ATTR:instance_name"]!.GetValue<string>().Should().StartWith("instance-");
        server["OS-EXT-AZ:availability_zone"]!.GetValue<string>().Should().Be("nova");
        var expected = Convert.ToHexStringLower(OrleansCompute.Scheduling.Sha224.Hash(System.Text.Encoding.UTF8.GetBytes(project + host)));
        server["hostId"]!.GetValue<string>().Should().Be(expected);
        var own = (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        own.AsObject().ContainsKey("OS-EXT-SRV-ATTR:host").Should().BeFalse("only admins see the host");
    }

    [Fact]
    public async Task Same_host_and_different_host_follow_the_named_servers()
    {
        using var client = fixture.NewProject(out var project);
        var (anchor, anchorServer) = await BuildAsync(client, project, "anchor");
        var (_, same) = await BuildAsync(client, project, "same", $$"""{"same_host": ["{{anchor}}"]}""");
        var (_, different) = await BuildAsync(client, project, "different", $$"""{"different_host": "{{anchor}}"}""");
        Host(same).Should().Be(Host(anchorServer));
        Host(different).Should().NotBe(Host(anchorServer));
    }

    [Fact]
    public async Task Build_near_host_ip_with_cidr_picks_the_host_in_that_network()
    {
        using var client = fixture.NewProject(out var project);
        var (_, server) = await BuildAsync(client, project, "near", """{"build_near_host_ip": "192.168.10.12", "cidr": "/32"}""");
        Host(server).Should().Be("compute-2");
    }

    [Fact]
    public async Task The_query_hint_filters_hosts_with_Nova_json_filter_expressions()
    {
        using var client = fixture.NewProject(out var project);
        var (_, server) = await BuildAsync(client, project, "queried", """{"query": "[\"and\", [\">=\", \"$free_ram_mb\", 512], [\"=\", \"$hypervisor_hostname\", \"compute-3\"]]"}""");
        Host(server).Should().Be("compute-3");
    }

    [Fact]
    public async Task Cell_hints_are_accepted_as_Nova_accepts_them()
    {
        using var client = fixture.NewProject(out var project);
        var (_, server) = await BuildAsync(client, project, "celled", """{"target_cell": "cell1", "different_cell": ["cell2"]}""");
        server["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    [Fact]
    public async Task No_valid_host_puts_the_server_in_ERROR_with_Novas_fault()
    {
        using var client = fixture.NewProject(out var project);
        var (_, server) = await BuildAsync(client, project, "nowhere", """{"query": "[\"=\", \"$host\", \"no-such-host\"]"}""");
        server["status"]!.GetValue<string>().Should().Be("ERROR");
        server["fault"]!["code"]!.GetValue<int>().Should().Be(500);
        server["fault"]!["message"]!.GetValue<string>().Should().StartWith("No valid host was found.");
        server.AsObject().ContainsKey("OS-EXT-SRV-ATTR:host").Should().BeTrue();
        server["OS-EXT-SRV-ATTR:host"].Should().BeNull();
        server["hostId"]!.GetValue<string>().Should().BeEmpty();
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>().Should().Be(1, "an ERROR server counts, as in Nova");
    }

    [Fact]
    public async Task An_admin_can_force_a_host_with_the_zone_host_form()
    {
        using var client = fixture.NewProject(out var project, admin: true);
        var (_, server) = await BuildAsync(client, project, "forced", extra: ", \"availability_zone\": \"nova:compute-3\"");
        Host(server).Should().Be("compute-3");
        var (_, node) = await BuildAsync(client, project, "forced-node", extra: ", \"availability_zone\": \"nova::compute-1\"");
        Host(node).Should().Be("compute-1");
    }

    [Theory]
    [InlineData("affinity")]
    [InlineData("soft-affinity")]
    public async Task Affinity_groups_keep_their_members_on_one_host(string policy)
    {
        using var client = fixture.NewProject(out var project);
        var group = await GroupAsync(client, policy);
        var hosts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            hosts.Add(Host((await BuildAsync(client, project, $"{policy}-{i}", $$"""{"group": "{{group}}"}""")).Server));
        }

        hosts.Distinct().Should().ContainSingle();
        var members = (await client.GetAsync($"/v2.1/os-server-groups/{group}")).Json["server_group"]!["members"]!.AsArray();
        members.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("anti-affinity")]
    [InlineData("soft-anti-affinity")]
    public async Task Anti_affinity_groups_spread_their_members(string policy)
    {
        using var client = fixture.NewProject(out var project);
        var group = await GroupAsync(client, policy);
        var hosts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            hosts.Add(Host((await BuildAsync(client, project, $"{policy}-{i}", $$"""{"group": "{{group}}"}""")).Server));
        }

        hosts.Distinct().Should().HaveCount(3);
        var (_, fourth) = await BuildAsync(client, project, $"{policy}-3", $$"""{"group": "{{group}}"}""");
        if (policy == "anti-affinity")
        {
            fourth["status"]!.GetValue<string>().Should().Be("ERROR", "a fourth member has no host left that keeps the hard policy");
        }
        else
        {
            fourth["status"]!.GetValue<string>().Should().Be("ACTIVE", "the soft policy only weighs");
        }
    }

    [Fact]
    public async Task A_group_member_that_is_deleted_leaves_the_group_and_frees_its_host()
    {
        using var client = fixture.NewProject(out var project);
        var group = await GroupAsync(client, "anti-affinity");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await BuildAsync(client, project, $"member-{i}", $$"""{"group": "{{group}}"}""")).Id);
        }

        (await client.DeleteAsync($"/v2.1/servers/{ids[0]}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Infrastructure.Eventually.Until(
            async () => (await client.GetAsync($"/v2.1/os-server-groups/{group}")).Json["server_group"]!["members"]!.AsArray().Count,
            count => count == 2);
        var (_, replacement) = await BuildAsync(client, project, "replacement", $$"""{"group": "{{group}}"}""");
        replacement["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    private static async Task<string> GroupAsync(NovaClient client, string policy)
    {
        var response = await client.PostAsync("/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"" + policy + "\", \"policies\": [\"" + policy + "\"]}}", "2.15");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return response.Json["server_group"]!["id"]!.GetValue<string>();
    }
}
