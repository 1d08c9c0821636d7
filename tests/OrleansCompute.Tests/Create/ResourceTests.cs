using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Create;

/// <summary>The resources a create refers to: key pairs, server groups, availability zones, ports and fixed IPs.</summary>
[Collection(CreateHostCollection.Name)]
public sealed class ResourceTests(CreateHostFixture fixture)
{
    [Fact]
    public async Task Key_pairs_are_generated_imported_listed_shown_used_and_deleted()
    {
        using var client = fixture.NewProject(out var project);
        var generated = await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "gen"}}""", "2.2");
        generated.Status.Should().Be(HttpStatusCode.Created, generated.Body);
        var keypair = generated.Json["keypair"]!;
        keypair["private_key"]!.GetValue<string>().Should().StartWith("-----BEGIN RSA PRIVATE KEY-----");
        keypair["public_key"]!.GetValue<string>().Should().StartWith("ssh-rsa ");
        keypair["fingerprint"]!.GetValue<string>().Should().MatchRegex("^([0-9a-f]{2}:){15}[0-9a-f]{2}$");
        keypair["type"]!.GetValue<string>().Should().Be("ssh");

        var publicKey = keypair["public_key"]!.GetValue<string>();
        var imported = await client.PostAsync("/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"imp\", \"public_key\": \"" + publicKey + "\"}}");
        imported.Status.Should().Be(HttpStatusCode.OK, imported.Body);
        imported.Json["keypair"]!["fingerprint"]!.GetValue<string>().Should().Be(keypair["fingerprint"]!.GetValue<string>());
        imported.Json["keypair"]!.AsObject().ContainsKey("private_key").Should().BeFalse();

        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "gen"}}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "bad/name"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "junk", "public_key": "not a key"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        var list = (await client.GetAsync("/v2.1/os-keypairs")).Json["keypairs"]!.AsArray();
        list.Select(k => k!["keypair"]!["name"]!.GetValue<string>()).Should().Equal("gen", "imp");
        var shown = (await client.GetAsync("/v2.1/os-keypairs/gen")).Json["keypair"]!;
        shown["user_id"]!.GetValue<string>().Should().Be("u" + project);
        shown["deleted"]!.GetValue<bool>().Should().BeFalse();

        var server = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("keyed", ", \"key_name\": \"gen\""));
        server.Status.Should().Be(HttpStatusCode.Accepted, server.Body);
        var id = server.Json["server"]!["id"]!.GetValue<string>();
        (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["key_name"]!.GetValue<string>().Should().Be("gen");

        using var other = NovaClient.For(fixture.Host, $"someone-else:{project}");
        (await other.PostAsync("/v2.1/servers", CreateTestBodies.Server("not-mine", ", \"key_name\": \"gen\""))).Status
            .Should().Be(HttpStatusCode.BadRequest, "key pairs belong to the user, not the project");

        (await client.DeleteAsync("/v2.1/os-keypairs/imp")).Status.Should().Be(HttpStatusCode.Accepted);
        (await client.SendAsync(HttpMethod.Delete, "/v2.1/os-keypairs/gen", version: "2.2")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/v2.1/os-keypairs/gen")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_key_pair_quota_is_403()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"key_pairs\": 1");
        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "one"}}""")).Status.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync("/v2.1/os-keypairs", """{"keypair": {"name": "two"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Server_groups_are_created_listed_shown_and_deleted_per_microversion()
    {
        using var client = fixture.NewProject(out var project);
        (await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "g", "policies": ["soft-affinity"]}}""")).Status
            .Should().Be(HttpStatusCode.BadRequest, "soft policies come with 2.15");
        (await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "g", "policies": ["affinity", "anti-affinity"]}}""")).Status
            .Should().Be(HttpStatusCode.BadRequest);
        var created = await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "g", "policies": ["anti-affinity"]}}""", "2.13");
        var group = created.Json["server_group"]!;
        group.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "name", "policies", "members", "metadata", "project_id", "user_id"]);
        var id = group["id"]!.GetValue<string>();

        (await client.GetAsync("/v2.1/os-server-groups")).Json["server_groups"]!.AsArray().Should().ContainSingle();
        (await client.GetAsync($"/v2.1/os-server-groups/{id}")).Json["server_group"]!["policies"]![0]!.GetValue<string>().Should().Be("anti-affinity");
        using var stranger = fixture.NewProject(out _);
        (await stranger.GetAsync($"/v2.1/os-server-groups/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalServerGroupsUsed"]!.GetValue<int>().Should().Be(1);

        (await client.DeleteAsync($"/v2.1/os-server-groups/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/v2.1/os-server-groups/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalServerGroupsUsed"]!.GetValue<int>().Should().Be(0);
        _ = project;
    }

    [Fact]
    public async Task The_server_group_and_member_quotas_are_403()
    {
        using var client = fixture.NewProject(out var project);
        await CreateTestBodies.SetQuotaAsync(fixture, project, "\"server_groups\": 1, \"server_group_members\": 1");
        var id = (await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "g", "policies": ["affinity"]}}""")).Json["server_group"]!["id"]!.GetValue<string>();
        (await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "h", "policies": ["affinity"]}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        var hints = $$"""{"group": "{{id}}"}""";
        (await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("m1", hints: hints))).Status.Should().Be(HttpStatusCode.Accepted);
        var over = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("m2", hints: hints));
        over.Status.Should().Be(HttpStatusCode.Forbidden);
        over.Json["forbidden"]!["message"]!.GetValue<string>().Should().Be("Quota exceeded, too many servers in group");
    }

    [Fact]
    public async Task Availability_zones_come_from_the_hosts()
    {
        using var client = fixture.NewProject(out _);
        var zones = (await client.GetAsync("/v2.1/os-availability-zone")).Json["availabilityZoneInfo"]!.AsArray();
        zones.Should().ContainSingle();
        zones[0]!["zoneName"]!.GetValue<string>().Should().Be("nova");
        zones[0]!["zoneState"]!["available"]!.GetValue<bool>().Should().BeTrue();
        (await client.GetAsync("/v2.1/os-availability-zone/detail")).Status.Should().Be(HttpStatusCode.Forbidden);
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var detail = (await admin.GetAsync("/v2.1/os-availability-zone/detail")).Json["availabilityZoneInfo"]![0]!["hosts"]!.AsObject();
        detail.Select(h => h.Key).Should().BeEquivalentTo(["compute-1", "compute-2", "compute-3"]);
    }

    [Fact]
    public async Task A_taken_fixed_ip_is_409_at_request_time_and_free_again_after_delete()
    {
        using var client = fixture.NewProject(out _);
        var ip = "10.0.123." + Random.Shared.Next(2, 250);
        var networks = $$""", "networks": [{"uuid": "{{CreateHostFixture.PrivateNetwork}}", "fixed_ip": "{{ip}}"}]""";
        var first = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("ip-1", networks));
        first.Status.Should().Be(HttpStatusCode.Accepted, first.Body);
        var taken = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("ip-2", networks));
        taken.Status.Should().Be(HttpStatusCode.Conflict, "Nova refuses a fixed IP in use before it accepts the create");
        taken.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Contain(ip);
        (await CreateTestBodies.AbsoluteLimitsAsync(client))["totalInstancesUsed"]!.GetValue<int>().Should().Be(1, "the refused create claimed nothing");

        var id = first.Json["server"]!["id"]!.GetValue<string>();
        await client.DeleteAsync($"/v2.1/servers/{id}");
        await Infrastructure.Eventually.Until(
            async () => (await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("ip-3", networks))).Status,
            status => status == HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_configured_port_gives_its_address_and_a_port_in_use_is_409()
    {
        using var client = fixture.NewProject(out var project);
        var port = $$""", "networks": [{"port": "{{CreateHostFixture.PortId}}"}]""";
        var response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("ported", port));
        // The validation tests may hold the port already: then this request is the 409 case.
        if (response.Status == HttpStatusCode.Accepted)
        {
            var id = response.Json["server"]!["id"]!.GetValue<string>();
            var server = await CreateTestBodies.AdminWaitAsync(fixture, project, id, "ACTIVE");
            server["addresses"]!["private"]![0]!["addr"]!.GetValue<string>().Should().Be("10.0.250.250");
            response = await client.PostAsync("/v2.1/servers", CreateTestBodies.Server("ported-2", port));
        }

        response.Status.Should().Be(HttpStatusCode.Conflict);
        response.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Port {CreateHostFixture.PortId} is still in use.");
    }
}
