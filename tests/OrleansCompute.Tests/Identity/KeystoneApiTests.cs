using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Identity;

/// <summary>The built-in identity service over HTTP, as keystoneauth talks to it.</summary>
[Collection(IdentityHostCollection.Name)]
public sealed class KeystoneApiTests(IdentityHostFixture fixture)
{
    private HttpClient Http() => new() { BaseAddress = fixture.Host.BaseAddress };

    [Fact]
    public async Task Version_discovery_answers_at_the_root_and_at_v3()
    {
        using var http = Http();
        using var root = await http.GetAsync("/identity");
        root.StatusCode.Should().Be(HttpStatusCode.MultipleChoices);
        var versions = JsonNode.Parse(await root.Content.ReadAsStringAsync())!["versions"]!["values"]!.AsArray();
        versions.Single()!["links"]![0]!["href"]!.GetValue<string>().Should().Be(fixture.AuthUrl + "/");

        using var v3 = await http.GetAsync("/identity/v3");
        v3.StatusCode.Should().Be(HttpStatusCode.OK);
        var version = JsonNode.Parse(await v3.Content.ReadAsStringAsync())!["version"]!;
        version["id"]!.GetValue<string>().Should().StartWith("v3.");
        version["status"]!.GetValue<string>().Should().Be("stable");
    }

    [Fact]
    public async Task A_password_token_is_project_scoped_and_carries_the_catalog()
    {
        using var http = Http();
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth("demo", fixture.Passwords["demo"], project: "demo"));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Subject-Token").Single().Should().NotBeNullOrEmpty();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;
        token["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("password");
        token["user"]!["name"]!.GetValue<string>().Should().Be("demo");
        token["user"]!["domain"]!["id"]!.GetValue<string>().Should().Be("default");
        token["project"]!["name"]!.GetValue<string>().Should().Be("demo");
        token["project"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        token["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["member", "reader"]);
        var expires = DateTimeOffset.Parse(token["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var issued = DateTimeOffset.Parse(token["issued_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (expires - issued).Should().Be(TimeSpan.FromHours(1));
        token["expires_at"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");

        var catalog = token["catalog"]!.AsArray();
        var compute = catalog.Single(s => s!["type"]!.GetValue<string>() == "compute")!;
        compute["endpoints"]!.AsArray().Select(e => e!["interface"]!.GetValue<string>()).Should().BeEquivalentTo(["public", "internal", "admin"]);
        compute["endpoints"]!.AsArray().Select(e => e!["url"]!.GetValue<string>()).Should().AllBe($"{fixture.Host.BaseAddress}v2.1");
        compute["endpoints"]![0]!["region_id"]!.GetValue<string>().Should().Be("RegionOne");
        catalog.Single(s => s!["type"]!.GetValue<string>() == "image")!["endpoints"]![0]!["url"]!.GetValue<string>().Should().Be($"{fixture.Host.BaseAddress}image");
        catalog.Select(s => s!["type"]!.GetValue<string>()).Should().Contain("identity");
    }

    [Fact]
    public async Task The_admin_token_carries_the_implied_roles()
    {
        using var http = Http();
        using var response = await http.PostAsync("/identity/v3/auth/tokens?nocatalog", IdentityHostFixture.PasswordAuth("admin", fixture.Passwords["admin"]));
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;
        token["project"]!["name"]!.GetValue<string>().Should().Be("admin");
        token["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["admin", "manager", "member", "reader"]);
        token["catalog"].Should().BeNull("nocatalog leaves the catalog out");
    }

    [Theory]
    [InlineData("demo", "wrong", null)]
    [InlineData("nobody", "x", null)]
    [InlineData("demo", null, "alt_demo")]
    [InlineData("demo", null, "no-such-project")]
    public async Task Bad_credentials_or_a_project_the_user_has_no_role_on_are_401(string user, string? password, string? project)
    {
        using var http = Http();
        using var response = await http.PostAsync("/identity/v3/auth/tokens", IdentityHostFixture.PasswordAuth(user, password ?? fixture.Passwords[user], project));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(401);
        error["title"]!.GetValue<string>().Should().Be("Unauthorized");
        response.Headers.Contains("X-Subject-Token").Should().BeFalse();
    }

    [Fact]
    public async Task Malformed_auth_bodies_are_400()
    {
        using var http = Http();
        using var notJson = await http.PostAsync("/identity/v3/auth/tokens", new StringContent("{", Encoding.UTF8, "application/json"));
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var noIdentity = await http.PostAsync("/identity/v3/auth/tokens", new StringContent("""{"auth": {}}""", Encoding.UTF8, "application/json"));
        noIdentity.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_token_validates_for_its_user_and_an_admin_but_not_for_another_user()
    {
        var demo = await fixture.TokenAsync("demo");
        using var http = Http();

        async Task<HttpResponseMessage> Validate(HttpMethod method, string caller, string subject)
        {
            using var request = new HttpRequestMessage(method, "/identity/v3/auth/tokens");
            request.Headers.Add("X-Auth-Token", caller);
            request.Headers.Add("X-Subject-Token", subject);
            return await http.SendAsync(request);
        }

        using var self = await Validate(HttpMethod.Get, demo, demo);
        self.StatusCode.Should().Be(HttpStatusCode.OK);
        self.Headers.GetValues("X-Subject-Token").Single().Should().Be(demo);
        JsonNode.Parse(await self.Content.ReadAsStringAsync())!["token"]!["user"]!["name"]!.GetValue<string>().Should().Be("demo");

        using var byAdmin = await Validate(HttpMethod.Head, await fixture.TokenAsync("admin"), demo);
        byAdmin.StatusCode.Should().Be(HttpStatusCode.OK);

        using var byOther = await Validate(HttpMethod.Get, await fixture.TokenAsync("alt_demo"), demo);
        byOther.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var forged = await Validate(HttpMethod.Get, demo, demo[..^4] + "AAAA");
        forged.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var anonymous = await Validate(HttpMethod.Get, "not-a-token", demo);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_token_method_rescopes_and_keeps_the_expiry()
    {
        using var http = Http();
        using var unscoped = await http.PostAsync("/identity/v3/auth/tokens", new StringContent(
            """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "alt_demo", "domain": {"id": "default"}, "password": "PASSWORD"}}}, "scope": "unscoped"}}""".Replace("PASSWORD", fixture.Passwords["alt_demo"], StringComparison.Ordinal),
            Encoding.UTF8,
            "application/json"));
        unscoped.StatusCode.Should().Be(HttpStatusCode.Created);
        var first = JsonNode.Parse(await unscoped.Content.ReadAsStringAsync())!["token"]!;
        first["project"].Should().BeNull();
        first["catalog"].Should().BeNull();
        var unscopedToken = unscoped.Headers.GetValues("X-Subject-Token").Single();

        // An unscoped token cannot use compute.
        using (var compute = new HttpRequestMessage(HttpMethod.Get, "/v2.1/servers"))
        {
            compute.Headers.Add("X-Auth-Token", unscopedToken);
            using var denied = await http.SendAsync(compute);
            denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var rescoped = await http.PostAsync("/identity/v3/auth/tokens", new StringContent(
            """{"auth": {"identity": {"methods": ["token"], "token": {"id": "TOKEN"}}, "scope": {"project": {"name": "alt_demo", "domain": {"name": "Default"}}}}}""".Replace("TOKEN", unscopedToken, StringComparison.Ordinal),
            Encoding.UTF8,
            "application/json"));
        rescoped.StatusCode.Should().Be(HttpStatusCode.Created);
        var second = JsonNode.Parse(await rescoped.Content.ReadAsStringAsync())!["token"]!;
        second["project"]!["name"]!.GetValue<string>().Should().Be("alt_demo");
        second["expires_at"]!.GetValue<string>().Should().Be(first["expires_at"]!.GetValue<string>());
        second["audit_ids"]!.AsArray().Select(a => a!.GetValue<string>()).Should().HaveCount(2).And.Contain(first["audit_ids"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_compute_API_answers_401_with_the_identity_challenge_without_a_valid_token()
    {
        using var http = Http();
        using var none = await http.GetAsync("/v2.1/servers");
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.ToString().Should().Be($"Keystone uri=\"{fixture.Host.BaseAddress}identity\"");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2.1/servers");
        request.Headers.Add("X-Auth-Token", "demo:demo");
        using var noauthToken = await http.SendAsync(request);
        noauthToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "noauth tokens are not accepted in identity mode");
        JsonNode.Parse(await noauthToken.Content.ReadAsStringAsync())!["unauthorized"]!["code"]!.GetValue<int>().Should().Be(401);
    }

    [Fact]
    public async Task The_image_service_lists_and_shows_images_and_needs_a_token()
    {
        using var http = Http();
        using var versions = await http.GetAsync("/image");
        versions.StatusCode.Should().Be(HttpStatusCode.MultipleChoices);
        JsonNode.Parse(await versions.Content.ReadAsStringAsync())!["versions"]![0]!["links"]![0]!["href"]!.GetValue<string>().Should().Be($"{fixture.Host.BaseAddress}image/v2/");

        using var anonymous = await http.GetAsync("/image/v2/images");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var client = await fixture.ClientAsync("demo");
        var list = await client.GetAsync("/image/v2/images?name=cirros-0.6.2-x86_64-disk");
        list.Status.Should().Be(HttpStatusCode.OK);
        var image = list.Json["images"]!.AsArray().Single()!;
        image["id"]!.GetValue<string>().Should().Be(OrleansCompute.Tests.Http.NovaClient.Image);
        image["status"]!.GetValue<string>().Should().Be("active");
        image["visibility"]!.GetValue<string>().Should().Be("public");
        (await client.GetAsync("/image/v2/images?name=nothing")).Json["images"]!.AsArray().Should().BeEmpty();
        (await client.GetAsync($"/image/v2/images/{OrleansCompute.Tests.Http.NovaClient.Image}")).Json["name"]!.GetValue<string>().Should().Be("cirros-0.6.2-x86_64-disk");
        (await client.GetAsync("/image/v2/images/00000000-0000-0000-0000-000000000000")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
