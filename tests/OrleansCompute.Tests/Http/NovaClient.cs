using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Http;

/// <summary>A thin test client that speaks to the host as Nova clients do and reads replies as JSON.</summary>
public sealed class NovaClient(HttpClient http) : IDisposable
{
    public const string Image = "70a599e0-31e7-49b7-b260-868f441e862b";

    public HttpClient Http => http;

    public static NovaClient For(HostProcess host, string token = "demo:demo") => new(host.CreateClient(token));

    public async Task<NovaResponse> SendAsync(HttpMethod method, string path, string? json = null, string? version = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (version is not null)
        {
            request.Headers.Add("OpenStack-API-Version", "compute " + version);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new NovaResponse(response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    public Task<NovaResponse> GetAsync(string path, string? version = null) => SendAsync(HttpMethod.Get, path, null, version);

    public Task<NovaResponse> PostAsync(string path, string json, string? version = null) => SendAsync(HttpMethod.Post, path, json, version);

    public Task<NovaResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Creates a server and returns its id.</summary>
    public async Task<string> CreateServerAsync(string name = "vm", string? extra = null, string? version = null)
    {
        var networks = version is not null && version != "2.1" ? ", \"networks\": \"auto\"" : "";
        var response = await PostAsync("/v2.1/servers", $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "1", "imageRef": "{{{Image}}}"{{{networks}}}{{{extra}}}}}""", version);
        response.Status.Should().Be(HttpStatusCode.Accepted, response.Body);
        return response.Json["server"]!["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> WaitForStatusAsync(string id, string status, string? version = null)
    {
        var server = await Eventually.Until(
            async () => (await GetAsync($"/v2.1/servers/{id}", version)).Json["server"],
            s => s?["status"]?.GetValue<string>() == status,
            because: $"server {id} should become {status}");
        return server!;
    }

    public void Dispose() => http.Dispose();
}

public sealed record NovaResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new JsonException("empty body");

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
