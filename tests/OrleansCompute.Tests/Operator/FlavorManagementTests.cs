using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// Nova's flavor management against the real host: create, description, delete, access lists and private
/// flavors, extra specs, with Nova's status codes and faults.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class FlavorManagementTests(HostFixture fixture)
{
    private NovaClient Admin() => NovaClient.For(fixture.Host, "admin:admin");

    private NovaClient Member(string project) => NovaClient.For(fixture.Host, $"{project}:{project}");

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string FlavorBody(string name, string? id = null, bool isPublic = true, string extra = "") =>
        new JsonObject
        {
            ["flavor"] = JsonNode.Parse($$"""
                {"name": "{{name}}", "ram": 256, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": {{(isPublic ? "true" : "false")}}{{(id is null ? "" : $", \"id\": \"{id}\"")}}{{extra}}}
                """),
        }.ToJsonString();

    [Fact]
    public async Task Create_answers_the_full_view_and_the_flavor_is_listed_and_shown()
    {
        using var admin = Admin();
        var name = Unique("fl-create");
        var created = await admin.PostAsync("/v2.1/flavors", FlavorBody(name, extra: ", \"swap\": 128, \"rxtx_factor\": 2.5, \"description\": \"small\""), "2.61");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        var flavor = created.Json["flavor"]!;
        var id = flavor["id"]!.GetValue<string>();
        Guid.TryParse(id, out _).Should().BeTrue("an id left out is a generated uuid");
        flavor["ram"]!.GetValue<int>().Should().Be(256);
        flavor["swap"]!.GetValue<int>().Should().Be(128);
        flavor["rxtx_factor"]!.GetValue<double>().Should().Be(2.5);
        flavor["description"]!.GetValue<string>().Should().Be("small");
        flavor["extra_specs"]!.AsObject().Should().BeEmpty();
        flavor["os-flavor-access:is_public"]!.GetValue<bool>().Should().BeTrue();

        using var member = Member("demo");
        (await member.GetAsync($"/v2.1/flavors/{id}")).Json["flavor"]!["name"]!.GetValue<string>().Should().Be(name);
        (await member.GetAsync("/v2.1/flavors")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Contain(id);
    }

    [Fact]
    public async Task Create_refuses_duplicates_bad_input_and_non_admins()
    {
        using var admin = Admin();
        var name = Unique("fl-dup");
        var id = Unique("id");
        (await admin.PostAsync("/v2.1/flavors", FlavorBody(name, id))).Status.Should().Be(HttpStatusCode.OK);

        var sameId = await admin.PostAsync("/v2.1/flavors", FlavorBody(name + "-other", id));
        sameId.Status.Should().Be(HttpStatusCode.Conflict);
        sameId.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Flavor with ID {id} already exists.");
        var sameName = await admin.PostAsync("/v2.1/flavors", FlavorBody(name));
        sameName.Status.Should().Be(HttpStatusCode.Conflict);
        sameName.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Flavor with name {name} already exists.");

        var noRam = await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "x-noram", "vcpus": 1, "disk": 1}}""");
        noRam.Status.Should().Be(HttpStatusCode.BadRequest);
        noRam.Json["badRequest"]!["message"]!.GetValue<string>().Should().Contain("'ram' is a required property");
        (await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "x-zero", "ram": 0, "vcpus": 1, "disk": 1}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "x-bad-id", "id": "a/b", "ram": 1, "vcpus": 1, "disk": 1}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "x-extra", "ram": 1, "vcpus": 1, "disk": 1, "color": "red"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "x-desc", "ram": 1, "vcpus": 1, "disk": 1, "description": "d"}}""", "2.54")).Status
            .Should().Be(HttpStatusCode.BadRequest, "description is 2.55+");

        using var member = Member("demo");
        var forbidden = await member.PostAsync("/v2.1/flavors", FlavorBody(Unique("fl-member")));
        forbidden.Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Description_is_updated_from_2_55_and_delete_is_a_hard_202()
    {
        using var admin = Admin();
        var id = (await admin.PostAsync("/v2.1/flavors", FlavorBody(Unique("fl-upd")))).Json["flavor"]!["id"]!.GetValue<string>();

        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/flavors/{id}", """{"flavor": {"description": "new"}}""", "2.54")).Status.Should().Be(HttpStatusCode.NotFound);
        var updated = await admin.SendAsync(HttpMethod.Put, $"/v2.1/flavors/{id}", """{"flavor": {"description": "new"}}""", "2.55");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        updated.Json["flavor"]!["description"]!.GetValue<string>().Should().Be("new");
        (await admin.SendAsync(HttpMethod.Put, $"/v2.1/flavors/{id}", """{"flavor": {"name": "x"}}""", "2.55")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"/v2.1/flavors/{id}", "2.55")).Json["flavor"]!["description"]!.GetValue<string>().Should().Be("new");

        (await admin.DeleteAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.Accepted);
        var gone = await admin.GetAsync($"/v2.1/flavors/{id}");
        gone.Status.Should().Be(HttpStatusCode.NotFound);
        gone.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be($"Flavor {id} could not be found.");
        (await admin.DeleteAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_private_flavor_is_seen_and_used_only_by_the_projects_granted_it()
    {
        using var admin = Admin();
        using var demo = Member("demo");
        using var other = Member("other");
        var name = Unique("fl-private");
        var id = (await admin.PostAsync("/v2.1/flavors", FlavorBody(name, isPublic: false))).Json["flavor"]!["id"]!.GetValue<string>();

        (await demo.GetAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.GetAsync("/v2.1/flavors")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().NotContain(id);
        var refused = await demo.PostAsync("/v2.1/servers", ServerBody(id));
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Body);
        refused.Json["badRequest"]!["message"]!.GetValue<string>().Should().Be($"Flavor {id} could not be found.");

        var granted = await admin.PostAsync($"/v2.1/flavors/{id}/action", """{"addTenantAccess": {"tenant": "demo"}}""");
        granted.Status.Should().Be(HttpStatusCode.OK, granted.Body);
        granted.Json["flavor_access"]!.AsArray().Select(a => (a!["flavor_id"]!.GetValue<string>(), a["tenant_id"]!.GetValue<string>())).Should().Equal((id, "demo"));
        (await admin.PostAsync($"/v2.1/flavors/{id}/action", """{"addTenantAccess": {"tenant": "demo"}}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await admin.GetAsync($"/v2.1/flavors/{id}/os-flavor-access")).Json["flavor_access"]!.AsArray().Should().HaveCount(1);

        (await demo.GetAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.OK);
        (await demo.GetAsync("/v2.1/flavors")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Contain(id);
        var created = await demo.PostAsync("/v2.1/servers", ServerBody(id));
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        (await other.GetAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync("/v2.1/servers", ServerBody(id))).Status.Should().Be(HttpStatusCode.BadRequest);

        // Admins list public flavors by default; is_public=false lists the private ones, none all of them.
        (await admin.GetAsync("/v2.1/flavors?is_public=false")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Contain(id).And.NotContain("1");
        (await admin.GetAsync("/v2.1/flavors?is_public=none")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Contain([id, "1"]);
        (await admin.GetAsync("/v2.1/flavors?is_public=maybe")).Status.Should().Be(HttpStatusCode.BadRequest);

        var removed = await admin.PostAsync($"/v2.1/flavors/{id}/action", """{"removeTenantAccess": {"tenant": "demo"}}""");
        removed.Json["flavor_access"]!.AsArray().Should().BeEmpty();
        (await admin.PostAsync($"/v2.1/flavors/{id}/action", """{"removeTenantAccess": {"tenant": "demo"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await demo.PostAsync("/v2.1/servers", ServerBody(id))).Status.Should().Be(HttpStatusCode.BadRequest);
        (await demo.PostAsync($"/v2.1/flavors/{id}/action", """{"addTenantAccess": {"tenant": "demo"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Access_to_a_public_flavor_is_a_404_to_list_and_a_409_to_add_from_2_7()
    {
        using var admin = Admin();
        (await admin.GetAsync("/v2.1/flavors/1/os-flavor-access")).Status.Should().Be(HttpStatusCode.NotFound);
        var add = await admin.PostAsync("/v2.1/flavors/1/action", """{"addTenantAccess": {"tenant": "demo"}}""", "2.7");
        add.Status.Should().Be(HttpStatusCode.Conflict);
        add.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be("Can not add access to a public flavor.");
    }

    [Fact]
    public async Task A_deleted_flavor_stays_embedded_in_its_servers()
    {
        using var admin = Admin();
        using var demo = Member("demo");
        var name = Unique("fl-gone");
        var id = (await admin.PostAsync("/v2.1/flavors", FlavorBody(name))).Json["flavor"]!["id"]!.GetValue<string>();
        var server = await demo.PostAsync("/v2.1/servers", ServerBody(id));
        server.Status.Should().Be(HttpStatusCode.Accepted, server.Body);
        var serverId = server.Json["server"]!["id"]!.GetValue<string>();
        await demo.WaitForStatusAsync(serverId, "ACTIVE");

        (await admin.DeleteAsync($"/v2.1/flavors/{id}")).Status.Should().Be(HttpStatusCode.Accepted);
        var shown = (await demo.GetAsync($"/v2.1/servers/{serverId}", "2.47")).Json["server"]!;
        shown["status"]!.GetValue<string>().Should().Be("ACTIVE");
        shown["flavor"]!["original_name"]!.GetValue<string>().Should().Be(name);
        shown["flavor"]!["ram"]!.GetValue<int>().Should().Be(256);
        (await demo.PostAsync("/v2.1/servers", ServerBody(id))).Status.Should().Be(HttpStatusCode.BadRequest, "a deleted flavor cannot be booted");
    }

    [Fact]
    public async Task Extra_specs_are_merged_set_deleted_and_validated_from_2_86()
    {
        using var admin = Admin();
        var id = (await admin.PostAsync("/v2.1/flavors", FlavorBody(Unique("fl-specs")))).Json["flavor"]!["id"]!.GetValue<string>();
        var path = $"/v2.1/flavors/{id}/os-extra_specs";

        (await admin.PostAsync(path, """{"extra_specs": {"hw:cpu_policy": "dedicated", "custom": "1"}}""")).Status.Should().Be(HttpStatusCode.OK);
        var merged = await admin.PostAsync(path, """{"extra_specs": {"quota:disk_read_bytes_sec": 1000}}""");
        merged.Json["extra_specs"]!["quota:disk_read_bytes_sec"]!.GetValue<string>().Should().Be("1000");
        (await admin.GetAsync(path)).Json["extra_specs"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["hw:cpu_policy", "custom", "quota:disk_read_bytes_sec"]);

        var put = await admin.SendAsync(HttpMethod.Put, $"{path}/custom", """{"custom": "2"}""");
        put.Status.Should().Be(HttpStatusCode.OK, put.Body);
        put.Json["custom"]!.GetValue<string>().Should().Be("2");
        (await admin.SendAsync(HttpMethod.Put, $"{path}/custom", """{"other": "2"}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"{path}/custom")).Json["custom"]!.GetValue<string>().Should().Be("2");
        (await admin.GetAsync($"/v2.1/flavors/{id}", "2.61")).Json["flavor"]!["extra_specs"]!["custom"]!.GetValue<string>().Should().Be("2");

        (await admin.DeleteAsync($"{path}/custom")).Status.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync($"{path}/custom")).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"{path}/custom")).Status.Should().Be(HttpStatusCode.NotFound);

        (await admin.PostAsync(path, """{"extra_specs": {"hw:cpu_policy": "bogus"}}""", "2.86")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync(path, """{"extra_specs": {"trait:HW_CPU_X86_AVX": "maybe"}}""", "2.86")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PostAsync(path, """{"extra_specs": {"hw:cpu_policy": "bogus"}}""", "2.85")).Status.Should().Be(HttpStatusCode.OK, "values are only validated from 2.86");
        (await admin.PostAsync(path, """{"extra_specs": {"bad/key": "x"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        using var member = Member("demo");
        (await member.PostAsync(path, """{"extra_specs": {"a": "b"}}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    private static string ServerBody(string flavorId) =>
        $$$"""{"server": {"name": "{{{Unique("vm")}}}", "imageRef": "{{{NovaClient.Image}}}", "flavorRef": "{{{flavorId}}}"}}""";
}
