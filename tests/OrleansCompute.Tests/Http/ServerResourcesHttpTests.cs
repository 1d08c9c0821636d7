using System.Net;
using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Http;

/// <summary>PUT /servers/{id}, metadata, tags and ips over real HTTP.</summary>
[Collection(HostCollection.Name)]
public sealed class ServerResourcesHttpTests(HostFixture fixture)
{
    private NovaClient NewProject() => NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");

    private static string[] Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key)];

    private static Task<NovaResponse> PutAsync(NovaClient client, string path, string? json, string? version = null) =>
        client.SendAsync(HttpMethod.Put, path, json, version);

    private static async Task<string> ActiveServerAsync(NovaClient client, string name = "vm")
    {
        var id = await client.CreateServerAsync(name);
        await client.WaitForStatusAsync(id, "ACTIVE");
        return id;
    }

    [Fact]
    public async Task Update_returns_the_short_view_below_2_75_and_the_full_view_from_2_75()
    {
        using var client = NewProject();
        var id = await ActiveServerAsync(client);

        var old = await PutAsync(client, $"/v2.1/servers/{id}", """{"server": {"name": "renamed", "accessIPv4": "192.0.2.7", "OS-DCF:diskConfig": "MANUAL"}}""");
        old.Status.Should().Be(HttpStatusCode.OK, old.Body);
        var server = old.Json["server"]!;
        Keys(server).Should().BeEquivalentTo(
        [
            "id", "name", "status", "tenant_id", "user_id", "metadata", "hostId", "image", "flavor", "created", "updated",
            "addresses", "accessIPv4", "accessIPv6", "links", "OS-DCF:diskConfig", "progress",
        ]);
        server["name"]!.GetValue<string>().Should().Be("renamed");
        server["accessIPv4"]!.GetValue<string>().Should().Be("192.0.2.7");
        server["OS-DCF:diskConfig"]!.GetValue<string>().Should().Be("MANUAL");
        Keys(server["addresses"]!.AsObject().First().Value![0]!).Should().BeEquivalentTo(["version", "addr"]);

        var full = await PutAsync(client, $"/v2.1/servers/{id}", """{"server": {"name": "renamed"}}""", "2.75");
        Keys(full.Json["server"]!).Should().Contain(["OS-EXT-STS:vm_state", "server_groups", "locked_reason", "tags", "security_groups"]);
        Keys(full.Json["server"]!["addresses"]!.AsObject().First().Value![0]!).Should().Contain("OS-EXT-IPS:type");

        var later = await PutAsync(client, $"/v2.1/servers/{id}", """{"server": {"description": "about it"}}""", "2.47");
        later.Json["server"]!["description"]!.GetValue<string>().Should().Be("about it");
        Keys(later.Json["server"]!).Should().Contain(["locked", "description", "tags"]).And.NotContain("OS-EXT-STS:vm_state");

        var listed = await client.GetAsync("/v2.1/servers?name=^renamed$");
        listed.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(id);
    }

    [Theory]
    [InlineData("""{"server": {"name": " padded"}}""", null)]
    [InlineData("""{"server": {"name": ""}}""", null)]
    [InlineData("""{"server": {"unknown": 1}}""", null)]
    [InlineData("""{"server": {"description": "too early"}}""", "2.18")]
    [InlineData("""{"server": {"accessIPv4": "1.2.3"}}""", null)]
    [InlineData("""{"server": {"hostname": "ok"}}""", "2.47")]
    [InlineData("""{"other": {}}""", null)]
    [InlineData("[]", null)]
    public async Task Update_rejects_invalid_bodies_with_400(string body, string? version)
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync();
        var response = await PutAsync(client, $"/v2.1/servers/{id}", body, version);
        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        response.Json["badRequest"]!["code"]!.GetValue<int>().Should().Be(400);
    }

    [Fact]
    public async Task Update_of_a_server_in_another_project_is_404()
    {
        using var owner = NewProject();
        using var stranger = NewProject();
        var id = await owner.CreateServerAsync();
        (await PutAsync(stranger, $"/v2.1/servers/{id}", """{"server": {"name": "x"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await PutAsync(stranger, "/v2.1/servers/not-a-uuid", """{"server": {"name": "x"}}""")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metadata_routes_list_merge_replace_show_set_and_delete()
    {
        using var client = NewProject();
        var id = await ActiveServerAsync(client);
        var path = $"/v2.1/servers/{id}/metadata";

        (await client.GetAsync(path)).Json["metadata"]!.AsObject().Should().BeEmpty();
        var merged = await client.PostAsync(path, """{"metadata": {"a": "1", "b": "2"}}""");
        merged.Status.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync(path, """{"metadata": {"c": "3"}}""")).Json["metadata"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["a", "b", "c"]);
        (await PutAsync(client, path, """{"metadata": {"only": "x"}}""")).Json["metadata"]!.AsObject().Select(p => p.Key).Should().Equal("only");
        (await client.GetAsync(path + "/only")).Json["meta"]!["only"]!.GetValue<string>().Should().Be("x");
        (await client.GetAsync(path + "/missing")).Status.Should().Be(HttpStatusCode.NotFound);

        var set = await PutAsync(client, path + "/k", """{"meta": {"k": "v"}}""");
        set.Status.Should().Be(HttpStatusCode.OK);
        set.Json["meta"]!["k"]!.GetValue<string>().Should().Be("v");
        (await PutAsync(client, path + "/k", """{"meta": {"other": "v"}}""")).Json["badRequest"]!["message"]!.GetValue<string>().Should().Be("Request body and URI mismatch");
        (await PutAsync(client, path + "/k", """{"meta": {"k": "v", "j": "w"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await PutAsync(client, path + "/k", """{"meta": {}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync(path, """{"metadata": {"bad/key": "v"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync(path, """{"metadata": {"k": 1}}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsync(path, """{"meta": {"k": "v"}}""")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await client.DeleteAsync(path + "/k")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync(path + "/k")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["metadata"]!.AsObject().Select(p => p.Key).Should().Equal("only");

        var many = "{\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 129).Select(i => $"\"k{i}\": \"v\"")) + "}}";
        (await client.PostAsync(path, many)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tag_routes_exist_from_2_26_with_novas_codes_and_limits()
    {
        using var client = NewProject();
        var id = await ActiveServerAsync(client);
        var path = $"/v2.1/servers/{id}/tags";

        (await client.GetAsync(path, "2.25")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync(path, "2.26")).Json["tags"]!.AsArray().Should().BeEmpty();

        var added = await PutAsync(client, path + "/blue", null, "2.26");
        added.Status.Should().Be(HttpStatusCode.Created);
        added.Header("Location").Should().Be($"{fixture.Host.BaseAddress}v2.1/servers/{id}/tags/blue");
        (await PutAsync(client, path + "/blue", null, "2.26")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync(path + "/blue", "2.26")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync(path + "/red", "2.26")).Status.Should().Be(HttpStatusCode.NotFound);
        (await PutAsync(client, path + "/a,b", null, "2.26")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await PutAsync(client, path + "/" + new string('x', 61), null, "2.26")).Status.Should().Be(HttpStatusCode.BadRequest);

        var replaced = await PutAsync(client, path, """{"tags": ["one", "two", "one"]}""", "2.26");
        replaced.Status.Should().Be(HttpStatusCode.OK);
        replaced.Json["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("one", "two");
        (await PutAsync(client, path, """{"tags": ["a/b"]}""", "2.26")).Status.Should().Be(HttpStatusCode.BadRequest);
        var tooMany = "{\"tags\": [" + string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"t{i}\"")) + "]}";
        (await PutAsync(client, path, tooMany, "2.26")).Status.Should().Be(HttpStatusCode.BadRequest);

        (await client.GetAsync($"/v2.1/servers/{id}", "2.26")).Json["server"]!["tags"]!.AsArray().Should().HaveCount(2);
        (await client.GetAsync("/v2.1/servers?tags=one,two", "2.26")).Json["servers"]!.AsArray().Should().ContainSingle();
        (await client.GetAsync("/v2.1/servers?not-tags-any=two", "2.26")).Json["servers"]!.AsArray().Should().BeEmpty();

        (await client.SendAsync(HttpMethod.Delete, path + "/one", null, "2.26")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.SendAsync(HttpMethod.Delete, path + "/one", null, "2.26")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.SendAsync(HttpMethod.Delete, path, null, "2.26")).Status.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync(path, "2.26")).Json["tags"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_lock_blocks_metadata_writes_but_not_tags_updates_or_an_admin()
    {
        using var client = NewProject();
        var id = await ActiveServerAsync(client);
        (await client.PostAsync($"/v2.1/servers/{id}/action", """{"lock": null}""")).Status.Should().Be(HttpStatusCode.Accepted);

        var refused = await client.PostAsync($"/v2.1/servers/{id}/metadata", """{"metadata": {"k": "v"}}""");
        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Json["conflictingRequest"]!["message"]!.GetValue<string>().Should().Be($"Instance {id} is locked");
        (await PutAsync(client, $"/v2.1/servers/{id}/tags/locked-ok", null, "2.26")).Status.Should().Be(HttpStatusCode.Created);
        (await PutAsync(client, $"/v2.1/servers/{id}", """{"server": {"name": "still-renamable"}}""")).Status.Should().Be(HttpStatusCode.OK);

        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        (await admin.PostAsync($"/v2.1/servers/{id}/metadata", """{"metadata": {"k": "v"}}""")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ips_list_the_addresses_without_the_extended_keys()
    {
        using var client = NewProject();
        var id = await ActiveServerAsync(client);

        var all = await client.GetAsync($"/v2.1/servers/{id}/ips");
        all.Status.Should().Be(HttpStatusCode.OK);
        var (label, addresses) = all.Json["addresses"]!.AsObject().Single();
        Keys(addresses![0]!).Should().BeEquivalentTo(["version", "addr"]);

        var one = await client.GetAsync($"/v2.1/servers/{id}/ips/{label}");
        one.Json[label]!.AsArray().Should().HaveCount(addresses.AsArray().Count);
        (await client.GetAsync($"/v2.1/servers/{id}/ips/nowhere")).Json["itemNotFound"]!["message"]!.GetValue<string>()
            .Should().Be("Instance is not a member of specified network");
    }
}
