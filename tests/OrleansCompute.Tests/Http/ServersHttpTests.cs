using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Http;

[Collection(HostCollection.Name)]
public sealed class ServersHttpTests(HostFixture fixture)
{
    private NovaClient Client(string token = "demo:demo") => NovaClient.For(fixture.Host, token);

    private static string[] Keys(JsonNode node) => node.AsObject().Select(p => p.Key).ToArray();

    [Fact]
    public async Task Create_answers_202_with_location_links_and_a_password()
    {
        using var client = Client();
        var response = await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "web", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}""");
        response.Status.Should().Be(HttpStatusCode.Accepted);
        var server = response.Json["server"]!;
        Keys(server).Should().BeEquivalentTo(["id", "links", "OS-DCF:diskConfig", "security_groups", "adminPass"]);
        var id = server["id"]!.GetValue<string>();
        Guid.TryParse(id, out _).Should().BeTrue();
        server["links"]![0]!["href"]!.GetValue<string>().Should().Be($"{fixture.Host.BaseAddress}v2.1/servers/{id}");
        server["links"]![1]!["href"]!.GetValue<string>().Should().Be($"{fixture.Host.BaseAddress}servers/{id}");
        response.Header("Location").Should().Be($"{fixture.Host.BaseAddress}v2.1/servers/{id}");
        server["adminPass"]!.GetValue<string>().Should().HaveLength(12);
        server["security_groups"]![0]!["name"]!.GetValue<string>().Should().Be("default");
        server["OS-DCF:diskConfig"]!.GetValue<string>().Should().Be("AUTO");
    }

    [Fact]
    public async Task A_supplied_admin_password_is_returned_and_security_groups_are_echoed()
    {
        using var client = Client();
        var response = await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "web", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "adminPass": "s3cret", "security_groups": [{"name": "a"}, {"name": "a"}]}}""");
        response.Json["server"]!["adminPass"]!.GetValue<string>().Should().Be("s3cret");
        response.Json["server"]!["security_groups"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_created_server_becomes_ACTIVE_and_shows_the_2_1_view()
    {
        using var client = Client();
        var id = await client.CreateServerAsync("view-2-1", ", \"metadata\": {\"role\": \"web\"}");
        var building = (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!;
        building["status"]!.GetValue<string>().Should().BeOneOf("BUILD", "ACTIVE");

        var server = await client.WaitForStatusAsync(id, "ACTIVE");
        Keys(server).Should().BeEquivalentTo(
        [
            "id", "name", "status", "tenant_id", "user_id", "metadata", "hostId", "image", "flavor", "created", "updated",
            "addresses", "accessIPv4", "accessIPv6", "links", "OS-DCF:diskConfig", "progress", "OS-EXT-AZ:availability_zone",
            "config_drive", "key_name", "security_groups", "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state",
            "OS-EXT-STS:power_state", "OS-SRV-USG:launched_at", "OS-SRV-USG:terminated_at", "os-extended-volumes:volumes_attached",
        ]);
        server["tenant_id"]!.GetValue<string>().Should().Be("demo");
        server["metadata"]!["role"]!.GetValue<string>().Should().Be("web");
        server["OS-EXT-STS:vm_state"]!.GetValue<string>().Should().Be("active");
        server["OS-EXT-STS:power_state"]!.GetValue<int>().Should().Be(1);
        server["OS-EXT-STS:task_state"].Should().BeNull();
        server["hostId"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{56}$");
        server["flavor"]!["id"]!.GetValue<string>().Should().Be("1");
        server["image"]!["id"]!.GetValue<string>().Should().Be(NovaClient.Image);
        server["config_drive"]!.GetValue<string>().Should().Be("");
        server["created"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        server["OS-SRV-USG:launched_at"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$");
        var address = server["addresses"]!["private"]![0]!;
        address["version"]!.GetValue<int>().Should().Be(4);
        address["OS-EXT-IPS:type"]!.GetValue<string>().Should().Be("fixed");
        address["OS-EXT-IPS-MAC:mac_addr"]!.GetValue<string>().Should().StartWith("fa:16:3e:");
    }

    [Fact]
    public async Task The_2_47_view_embeds_the_flavor_and_admins_see_extended_attributes()
    {
        using var client = Client("admin:demo");
        var id = await client.CreateServerAsync("view-2-47", version: "2.47");
        var server = await client.WaitForStatusAsync(id, "ACTIVE", "2.47");
        Keys(server["flavor"]!).Should().BeEquivalentTo(["vcpus", "ram", "disk", "ephemeral", "swap", "original_name", "extra_specs"]);
        server["flavor"]!["original_name"]!.GetValue<string>().Should().Be("m1.tiny");
        server["locked"]!.GetValue<bool>().Should().BeFalse();
        server["description"].Should().BeNull("from 2.19 a create without a description has none (Nova; issue 15)");
        server["tags"]!.AsArray().Should().BeEmpty();
        server["host_status"]!.GetValue<string>().Should().Be("UP");
        server["OS-EXT-SRV-ATTR:host"]!.GetValue<string>().Should().StartWith("compute-");
        server["OS-EXT-SRV-ATTR:instance_name"]!.GetValue<string>().Should().MatchRegex("^instance-[0-9a-f]{8}$");
        server["OS-EXT-SRV-ATTR:reservation_id"]!.GetValue<string>().Should().MatchRegex("^r-[0-9a-z]{8}$");
        server["OS-EXT-SRV-ATTR:launch_index"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Non_admins_do_not_see_admin_fields()
    {
        using var client = Client();
        var id = await client.CreateServerAsync("plain", version: "2.47");
        var server = (await client.GetAsync($"/v2.1/servers/{id}", "2.47")).Json["server"]!;
        Keys(server).Should().NotContain(k => k.StartsWith("OS-EXT-SRV-ATTR:", StringComparison.Ordinal) || k == "host_status");
    }

    [Fact]
    public async Task List_and_detail_show_the_project_servers_only()
    {
        using var mine = Client("demo:list-project");
        using var theirs = Client("demo:other-project");
        var id = await mine.CreateServerAsync("listed");
        await theirs.CreateServerAsync("hidden");

        var list = (await mine.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray();
        list.Select(s => s!["id"]!.GetValue<string>()).Should().Equal(id);
        Keys(list[0]!).Should().BeEquivalentTo(["id", "name", "links"]);

        var detail = (await mine.GetAsync("/v2.1/servers/detail")).Json["servers"]!.AsArray();
        detail.Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("listed");
    }

    [Fact]
    public async Task Pages_link_to_the_next_page_until_the_last()
    {
        using var client = Client("demo:paging-project");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await client.CreateServerAsync($"page-{i}"));
        }

        var seen = new List<string>();
        var next = "/v2.1/servers?limit=2";
        while (next is not null)
        {
            var page = (await client.GetAsync(next)).Json;
            seen.AddRange(page["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            next = page["servers_links"]?[0]?["href"]?.GetValue<string>();
            if (next is not null)
            {
                next.Should().Contain("limit=2").And.Contain("marker=");
            }
        }

        seen.Should().BeEquivalentTo(ids);
        seen.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task An_unknown_marker_is_400()
    {
        using var client = Client();
        var marker = Guid.NewGuid();
        var response = await client.GetAsync($"/v2.1/servers?marker={marker}");
        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"marker [{marker}] not found");
    }

    [Fact]
    public async Task Delete_is_204_with_an_empty_body_then_404()
    {
        using var client = Client();
        var id = await client.CreateServerAsync("doomed");
        await client.WaitForStatusAsync(id, "ACTIVE");
        var deleted = await client.DeleteAsync($"/v2.1/servers/{id}");
        deleted.Status.Should().Be(HttpStatusCode.NoContent);
        deleted.Body.Should().BeEmpty();

        var gone = await Eventually.Until(() => client.GetAsync($"/v2.1/servers/{id}"), r => r.Status == HttpStatusCode.NotFound);
        gone.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be($"Instance {id} could not be found.");
        (await client.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().NotContain(id);
    }

    [Fact]
    public async Task Another_project_gets_404_for_show_and_delete()
    {
        using var owner = Client("demo:owner");
        using var stranger = Client("demo:stranger");
        var id = await owner.CreateServerAsync("private");
        (await stranger.GetAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await stranger.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_server_id_that_is_not_a_uuid_is_404()
    {
        using var client = Client();
        var response = await client.GetAsync("/v2.1/servers/not-a-uuid");
        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be("Instance not-a-uuid could not be found.");
    }

    [Theory]
    [InlineData("""{"server": {"name": "x", "flavorRef": "999", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}""", "Flavor 999 could not be found.")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "00000000-0000-0000-0000-000000000001"}}""", "Can not find requested image")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1"}}""", "Missing imageRef attribute")]
    [InlineData("""{"server": {"flavorRef": "1"}}""", "'name' is a required property")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "networks": [{"uuid": "00000000-0000-0000-0000-000000000009"}]}}""", "Network 00000000-0000-0000-0000-000000000009 could not be found.")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "availability_zone": "mars"}}""", "The requested availability zone is not available")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "key_name": "nokey"}}""", "Invalid key_name provided.")]
    public async Task Bad_create_requests_are_400_faults_that_name_the_problem(string body, string message)
    {
        using var client = Client();
        var response = await client.PostAsync("/v2.1/servers", body);
        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public async Task Networks_none_gives_a_server_without_addresses_or_security_groups()
    {
        using var client = Client();
        var id = await client.CreateServerAsync("isolated", version: "2.37");
        var server = await client.WaitForStatusAsync(id, "ACTIVE", "2.37");
        server["addresses"]!["private"].Should().NotBeNull();

        var response = await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "none", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": "none"}}""", "2.37");
        var noneId = response.Json["server"]!["id"]!.GetValue<string>();
        var none = await client.WaitForStatusAsync(noneId, "ACTIVE", "2.37");
        none["addresses"]!.AsObject().Should().BeEmpty();
        none.AsObject().ContainsKey("security_groups").Should().BeFalse();
    }

    [Fact]
    public async Task A_requested_fixed_ip_is_honoured()
    {
        using var client = Client();
        var ip = "10.0.200." + Random.Shared.Next(2, 250);
        var response = await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "fixed", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}", "networks": [{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "fixed_ip": "{{{ip}}}"}]}}""");
        var id = response.Json["server"]!["id"]!.GetValue<string>();
        var server = await client.WaitForStatusAsync(id, "ACTIVE");
        server["addresses"]!["private"]![0]!["addr"]!.GetValue<string>().Should().Be(ip);
    }
}
