using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// Nova's default policy end to end with real tokens: every compute route walked as the owning member, as a
/// reader of the same project, as a member of another project and as an admin.
/// </summary>
[Collection(IdentityHostCollection.Name)]
public sealed class PolicyIsolationTests(IdentityHostFixture fixture)
{
    private const string CreateBody = $$$"""{"server": {"name": "policy-walk", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}""";
    private const string GroupBody = """{"server_group": {"name": "policy-walk", "policies": ["affinity"]}}""";
    private static readonly string QuotaBody = $$$"""{"quota_set": {"instances": {{{IdentityHostFixture.InstanceQuota}}}}}""";

    /// <summary>Each route with the outcome for: member (owner), reader (same project), other project, admin.</summary>
    public static TheoryData<string, string, int, int, int, int> Routes => new()
    {
        { "GET", "/v2.1/limits", 200, 200, 200, 200 },
        { "GET", "/v2.1/os-keypairs", 200, 200, 200, 200 },
        { "GET", "/v2.1/os-server-groups", 200, 200, 200, 200 },
        { "POST", "/v2.1/os-server-groups", 200, 403, 200, 200 },
        { "GET", "/v2.1/os-availability-zone", 200, 200, 200, 200 },
        { "GET", "/v2.1/os-availability-zone/detail", 403, 403, 403, 200 },
        { "GET", "/v2.1/os-quota-sets/{project}", 200, 200, 403, 200 },
        { "GET", "/v2.1/os-quota-sets/{project}/defaults", 200, 200, 200, 200 },
        { "PUT", "/v2.1/os-quota-sets/{project}", 403, 403, 403, 200 },
        { "GET", "/v2.1/servers", 200, 200, 200, 200 },
        { "GET", "/v2.1/servers/detail", 200, 200, 200, 200 },
        { "GET", "/v2.1/servers/{server}", 200, 200, 404, 200 },
        { "GET", "/v2.1/servers?all_tenants=1", 403, 403, 403, 200 },
        { "GET", "/v2.1/servers/detail?all_tenants=1", 403, 403, 403, 200 },
        { "POST", "/v2.1/servers", 202, 403, 202, 202 },
        { "DELETE", "/v2.1/servers/{server}", 204, 403, 404, 204 },
        { "POST", "/v2.1/servers/{server}/action", 202, 403, 404, 202 },
        { "GET", "/v2.1/servers/{server}/os-instance-actions", 200, 200, 404, 200 },
        { "GET", "/v2.1/flavors", 200, 200, 200, 200 },
        { "GET", "/v2.1/flavors/detail", 200, 200, 200, 200 },
        { "GET", "/v2.1/flavors/1", 200, 200, 200, 200 },
        { "GET", "/v2.1/flavors/1/os-extra_specs", 200, 200, 200, 200 },
        { "GET", "/v2.1/images", 200, 200, 200, 200 },
        { "GET", $"/v2.1/images/{NovaClient.Image}", 200, 200, 200, 200 },
        { "GET", "/image/v2/images", 200, 200, 200, 200 },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_answers_each_role_as_Nova_s_default_policy_does(string method, string route, int member, int reader, int otherProject, int admin)
    {
        foreach (var (user, expected) in new[] { ("demo_reader", reader), ("alt_demo", otherProject), ("admin", admin), ("demo", member) })
        {
            // A fresh server of project demo for every caller, so that a delete by one does not hide the next.
            var server = route.Contains("{server}", StringComparison.Ordinal) ? await CreateDemoServerAsync() : "";
            using var client = await fixture.ClientAsync(user);
            var path = route.Replace("{server}", server, StringComparison.Ordinal).Replace("{project}", await fixture.ProjectIdAsync("demo"), StringComparison.Ordinal);
            var body = method switch
            {
                "POST" when route.Contains("os-server-groups", StringComparison.Ordinal) => GroupBody,
                "POST" when route.EndsWith("/action", StringComparison.Ordinal) => """{"lock": null}""",
                "POST" => CreateBody,
                "PUT" => QuotaBody,
                _ => null,
            };
            var response = await client.SendAsync(new HttpMethod(method), path, body);
            ((int)response.Status).Should().Be(expected, $"{user} {method} {route}: {response.Body}");
            if (expected == 403)
            {
                response.Json["forbidden"]!["message"]!.GetValue<string>().Should().StartWith("Policy doesn't allow os_compute_api:");
            }

            if (expected == 404)
            {
                response.Json["itemNotFound"]!["message"]!.GetValue<string>().Should().Be($"Instance {server} could not be found.");
            }
        }
    }

    [Fact]
    public async Task Lists_show_only_the_caller_s_project_unless_an_admin_asks_for_all_tenants()
    {
        var server = await CreateDemoServerAsync();
        async Task<IEnumerable<string>> ListAsync(string user, string query = "")
        {
            using var client = await fixture.ClientAsync(user);
            var response = await client.GetAsync("/v2.1/servers/detail" + query);
            return response.Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>());
        }

        (await ListAsync("demo")).Should().Contain(server);
        (await ListAsync("demo_reader")).Should().Contain(server);
        (await ListAsync("alt_demo")).Should().NotContain(server);
        (await ListAsync("admin")).Should().NotContain(server, "an admin lists its own project unless it asks for all tenants");
        (await ListAsync("admin", "?all_tenants=1")).Should().Contain(server);
        (await ListAsync("admin", $"?all_tenants=1&project_id={await fixture.ProjectIdAsync("demo")}")).Should().Contain(server);
    }

    [Fact]
    public async Task The_server_shows_the_identity_service_s_project_and_user_ids()
    {
        var server = await CreateDemoServerAsync();
        using var client = await fixture.ClientAsync("demo");
        var shown = (await client.GetAsync($"/v2.1/servers/{server}")).Json["server"]!;
        shown["tenant_id"]!.GetValue<string>().Should().Be(await fixture.ProjectIdAsync("demo"));
        shown["user_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task A_policy_file_override_applies()
    {
        using var demo = await fixture.ClientAsync("demo");
        var denied = await demo.GetAsync("/v2.1/flavors/1/os-extra_specs/hw:cpu_policy");
        denied.Status.Should().Be(HttpStatusCode.Forbidden);
        denied.Json["forbidden"]!["message"]!.GetValue<string>().Should().Be($"Policy doesn't allow {IdentityHostFixture.OverriddenRule} to be performed.");

        using var admin = await fixture.ClientAsync("admin");
        var allowed = await admin.GetAsync("/v2.1/flavors/1/os-extra_specs/hw:cpu_policy");
        allowed.Status.Should().Be(HttpStatusCode.NotFound, "the admin passes the overridden rule and learns the key does not exist");
    }

    private async Task<string> CreateDemoServerAsync()
    {
        using var client = await fixture.ClientAsync("demo");
        return await client.CreateServerAsync("policy-walk");
    }
}
