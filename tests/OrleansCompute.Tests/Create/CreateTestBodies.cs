using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Create;

/// <summary>Request bodies and small helpers the create tests share.</summary>
internal static class CreateTestBodies
{
    public static string Server(string name, string extra = "", string hints = "") =>
        $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"{{{extra}}}}{{{(hints.Length > 0 ? ", \"os:scheduler_hints\": " + hints : "")}}}}""";

    public static async Task SetQuotaAsync(CreateHostFixture fixture, string project, string quotaSet)
    {
        using var admin = NovaClient.For(fixture.Host, "admin:admin");
        var response = await admin.SendAsync(HttpMethod.Put, $"/v2.1/os-quota-sets/{project}", "{\"quota_set\": {" + quotaSet + "}}");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
    }

    public static async Task<JsonNode> AbsoluteLimitsAsync(NovaClient client) =>
        (await client.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!;

    /// <summary>The admin detail view of every server of the project whose name starts with the prefix.</summary>
    public static async Task<List<JsonNode>> ServersAsync(CreateHostFixture fixture, string project, string prefix)
    {
        using var admin = NovaClient.For(fixture.Host, $"admin:{project}");
        var body = (await admin.GetAsync("/v2.1/servers/detail", "2.3")).Json["servers"]!.AsArray();
        return body.Where(s => s!["name"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal)).Select(s => s!).ToList();
    }

    public static async Task<JsonNode> AdminWaitAsync(CreateHostFixture fixture, string project, string id, params string[] statuses)
    {
        using var admin = NovaClient.For(fixture.Host, $"admin:{project}");
        return (await Eventually.Until(
            async () => (await admin.GetAsync($"/v2.1/servers/{id}", "2.3")).Json["server"],
            s => statuses.Contains(s?["status"]?.GetValue<string>()),
            because: $"server {id} should reach {string.Join("/", statuses)}"))!;
    }
}
