using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Parity;

/// <summary>Issue 15, item 3: behaviours that differed from Nova, each tried over real HTTP as a Nova client would.</summary>
[Collection(HostCollection.Name)]
public sealed class NovaDifferencesTests(HostFixture fixture)
{
    private NovaClient NewProject() => NovaClient.For(fixture.Host, $"user:p{Guid.NewGuid():N}");

    private static string Message(NovaResponse response) => response.Json["badRequest"]!["message"]!.GetValue<string>();

    [Theory]
    [InlineData("changes-since", "12/25/2020")]
    [InlineData("changes-since", "Dec 25 2020")]
    [InlineData("changes-before", "yesterday")]
    [InlineData("changes-before", "2020-13-01T00:00:00Z")]
    public async Task Changes_since_and_before_must_be_iso_8601(string name, string value)
    {
        using var client = NewProject();

        var response = await client.GetAsync($"/v2.1/servers?{name}={Uri.EscapeDataString(value)}", "2.66");

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        Message(response).Should().Contain(name).And.Contain("date-time");
    }

    [Theory]
    [InlineData("2020-12-25T10:11:12Z")]
    [InlineData("2020-12-25T10:11:12.5+02:00")]
    [InlineData("2020-12-25")]
    public async Task Iso_8601_changes_since_is_accepted(string value)
    {
        using var client = NewProject();

        var response = await client.GetAsync($"/v2.1/servers?changes-since={Uri.EscapeDataString(value)}");

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
    }

    [Fact]
    public async Task Access_ipv6_is_normalised_on_create_update_and_rebuild()
    {
        using var client = NewProject();
        const string Sent = "0000:0000:0000:0000:0000:babe:220.12.22.2";
        var id = await client.CreateServerAsync("v6", $", \"accessIPv6\": \"{Sent}\"");
        (await client.GetAsync($"/v2.1/servers/{id}")).Json["server"]!["accessIPv6"]!.GetValue<string>().Should().Be("::babe:dc0c:1602");
        await client.WaitForStatusAsync(id, "ACTIVE");

        var updated = await client.SendAsync(HttpMethod.Put, $"/v2.1/servers/{id}", """{"server": {"accessIPv6": "2001:0DB8:0000:0000:0000:0000:0000:0001"}}""");
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body);
        updated.Json["server"]!["accessIPv6"]!.GetValue<string>().Should().Be("2001:db8::1");

        var rebuilt = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}", "accessIPv6": "{{{Sent}}}"}}""");
        rebuilt.Status.Should().Be(HttpStatusCode.Accepted, rebuilt.Body);
        rebuilt.Json["server"]!["accessIPv6"]!.GetValue<string>().Should().Be("::babe:dc0c:1602");
    }

    [Fact]
    public async Task The_v2_path_serves_the_v2_0_version_document()
    {
        using var client = NovaClient.For(fixture.Host);

        foreach (var path in new[] { "/v2", "/v2/" })
        {
            var response = await client.GetAsync(path);
            response.Status.Should().Be(HttpStatusCode.OK, response.Body);
            var version = response.Json["version"]!;
            version["id"]!.GetValue<string>().Should().Be("v2.0");
            version["status"]!.GetValue<string>().Should().Be("DEPRECATED");
            version["version"]!.GetValue<string>().Should().BeEmpty();
            version["links"]![0]!["href"]!.GetValue<string>().Should().EndWith("/v2/");
            version["media-types"]![0]!["type"]!.GetValue<string>().Should().Be("application/vnd.openstack.compute+json;version=2");
        }
    }

    [Fact]
    public async Task The_v2_path_serves_the_legacy_api_at_2_1_without_microversion_headers()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("legacy");

        // The legacy endpoint ignores a requested microversion and answers without version headers.
        var shown = await client.GetAsync($"/v2/servers/{id}", "2.60");

        shown.Status.Should().Be(HttpStatusCode.OK, shown.Body);
        shown.Header("OpenStack-API-Version").Should().BeNull();
        shown.Header("X-OpenStack-Nova-API-Version").Should().BeNull();
        var server = shown.Json["server"]!.AsObject();
        server.ContainsKey("description").Should().BeFalse("the legacy API is the 2.1 view");
        server["links"]![0]!["href"]!.GetValue<string>().Should().Contain($"/v2/servers/{id}");
        (await client.GetAsync("/v2/servers")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Contain(id);
    }

    [Fact]
    public async Task Resize_applies_the_disk_config()
    {
        using var client = NewProject();
        var id = await client.CreateServerAsync("resize-disk", ", \"OS-DCF:diskConfig\": \"MANUAL\"");
        await client.WaitForStatusAsync(id, "ACTIVE");

        var resized = await client.PostAsync($"/v2.1/servers/{id}/action", """{"resize": {"flavorRef": "2", "OS-DCF:diskConfig": "AUTO"}}""");
        resized.Status.Should().Be(HttpStatusCode.Accepted, resized.Body);

        var server = await client.WaitForStatusAsync(id, "VERIFY_RESIZE");
        server["OS-DCF:diskConfig"]!.GetValue<string>().Should().Be("AUTO");
    }

    [Fact]
    public async Task Rebuild_with_key_name_looks_the_key_pair_up_and_null_unsets_it()
    {
        using var client = NewProject();
        // Key pairs belong to the user, shared by every test project: the name is this test's own.
        var keyName = $"k-{Guid.NewGuid():N}";
        var created = await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "{{{keyName}}}"}}""");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        var id = await client.CreateServerAsync("rebuild-key");
        await client.WaitForStatusAsync(id, "ACTIVE");

        var missing = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}", "key_name": "nope"}}""", "2.54");
        missing.Status.Should().Be(HttpStatusCode.BadRequest, missing.Body);
        Message(missing).Should().Be("Invalid key_name provided.");

        var withKey = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}", "key_name": "{{{keyName}}}"}}""", "2.54");
        withKey.Status.Should().Be(HttpStatusCode.Accepted, withKey.Body);
        withKey.Json["server"]!["key_name"]!.GetValue<string>().Should().Be(keyName);
        await client.WaitForStatusAsync(id, "ACTIVE");

        var unset = await client.PostAsync($"/v2.1/servers/{id}/action", $$$"""{"rebuild": {"imageRef": "{{{NovaClient.Image}}}", "key_name": null}}""", "2.54");
        unset.Status.Should().Be(HttpStatusCode.Accepted, unset.Body);
        unset.Json["server"]!["key_name"].Should().BeNull();
    }

    [Fact]
    public async Task From_2_19_a_create_without_description_shows_null_and_below_it_the_name()
    {
        using var client = NewProject();
        var current = await client.CreateServerAsync("no-description", version: "2.37");
        var old = await client.CreateServerAsync("old-style");

        var shown = await client.GetAsync($"/v2.1/servers/{current}", "2.19");
        shown.Json["server"]!.AsObject().ContainsKey("description").Should().BeTrue();
        shown.Json["server"]!["description"].Should().BeNull();
        (await client.GetAsync($"/v2.1/servers/{old}", "2.19")).Json["server"]!["description"]!.GetValue<string>().Should().Be("old-style");
    }

    [Theory]
    [InlineData("""{"different_host": "not-a-uuid"}""")]
    [InlineData("""{"different_host": ["not-a-uuid"]}""")]
    [InlineData("""{"same_host": ["not-a-uuid"]}""")]
    [InlineData("""{"same_host": 5}""")]
    [InlineData("""{"group": "not-a-uuid"}""")]
    [InlineData("""{"build_near_host_ip": "300.1.1.1"}""")]
    [InlineData("""{"cidr": "24"}""")]
    [InlineData("""{"query": 5}""")]
    public async Task Scheduler_hints_are_checked_against_novas_schema(string hints)
    {
        using var client = NewProject();

        var response = await client.PostAsync(
            "/v2.1/servers", $$$"""{"server": {"name": "hinted", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}, "os:scheduler_hints": """ + hints + "}");

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
    }

    [Theory]
    [InlineData("ssh-rsa AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA test")]
    [InlineData("ssh-rsa c2hvcnQ= test")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAA test")]
    public async Task A_key_pair_whose_key_is_not_a_key_is_refused(string publicKey)
    {
        using var client = NewProject();

        var response = await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "bad", "public_key": "{{{publicKey}}}"}}""");

        response.Status.Should().Be(HttpStatusCode.BadRequest, response.Body);
        Message(response).Should().Contain("failed to generate fingerprint");
    }

    [Fact]
    public async Task A_generated_key_pair_imports_again()
    {
        using var client = NewProject();
        var generated = await client.PostAsync("/v2.1/os-keypairs", $$$"""{"keypair": {"name": "gen-{{{Guid.NewGuid():N}}}"}}""");
        var publicKey = generated.Json["keypair"]!["public_key"]!.GetValue<string>();

        var imported = await client.PostAsync("/v2.1/os-keypairs", new JsonObject { ["keypair"] = new JsonObject { ["name"] = $"again-{Guid.NewGuid():N}", ["public_key"] = publicKey } }.ToJsonString());

        imported.Status.Should().Be(HttpStatusCode.OK, imported.Body);
        imported.Json["keypair"]!["fingerprint"]!.GetValue<string>().Should().Be(generated.Json["keypair"]!["fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extensions_serve_novas_static_list()
    {
        using var client = NewProject();

        var list = await client.GetAsync("/v2.1/extensions");
        list.Status.Should().Be(HttpStatusCode.OK, list.Body);
        var extensions = list.Json["extensions"]!.AsArray();
        extensions.Select(e => e!["alias"]!.GetValue<string>()).Should().Contain(["os-evacuate", "OS-DCF", "os-server-external-events", "os-hypervisors"]);
        extensions.Select(e => e!.AsObject().Select(p => p.Key).Order()).Should().AllSatisfy(
            keys => keys.Should().Equal("alias", "description", "links", "name", "namespace", "updated"));

        var one = await client.GetAsync("/v2.1/extensions/os-evacuate");
        one.Status.Should().Be(HttpStatusCode.OK, one.Body);
        one.Json["extension"]!["alias"]!.GetValue<string>().Should().Be("os-evacuate");
        (await client.GetAsync("/v2.1/extensions/os-nothing")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
