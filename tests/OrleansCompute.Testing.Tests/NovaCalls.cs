using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCompute.Testing.Tests;

/// <summary>The few Nova calls these tests make, over any HttpClient the test host gave them.</summary>
internal static class NovaCalls
{
    public const string Image = "70a599e0-31e7-49b7-b260-868f441e862b";

    public static async Task<(HttpStatusCode Status, JsonNode? Json)> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    public static async Task<string> CreateServerAsync(HttpClient http, string name, string flavor = "1")
    {
        var (status, json) = await SendAsync(http, HttpMethod.Post, "/v2.1/servers",
            $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "{{{flavor}}}", "imageRef": "{{{Image}}}"}}""");
        status.Should().Be(HttpStatusCode.Accepted, json?.ToJsonString());
        return json!["server"]!["id"]!.GetValue<string>();
    }

    public static async Task ActAsync(HttpClient http, string id, string action)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Post, $"/v2.1/servers/{id}/action", action);
        status.Should().Be(HttpStatusCode.Accepted, json?.ToJsonString());
    }
}
