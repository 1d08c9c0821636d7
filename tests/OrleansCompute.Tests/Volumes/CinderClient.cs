using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Volumes;

/// <summary>Raw HTTP against <c>/volume/v3/{project}</c> with a token and a volume microversion.</summary>
public sealed class CinderClient(HttpClient http, string projectId) : IDisposable
{
    public string ProjectId => projectId;

    public async Task<CinderResponse> SendAsync(HttpMethod method, string path, string? json = null, string? version = "3.70", bool withProject = true)
    {
        var url = withProject ? $"/volume/v3/{projectId}{path}" : $"/volume/v3{path}";
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "volume " + version);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var served = response.Headers.TryGetValues("OpenStack-API-Version", out var values) ? string.Join(",", values) : null;
        return new CinderResponse(response.StatusCode, body, served);
    }

    public Task<CinderResponse> GetAsync(string path, string? version = "3.70") => SendAsync(HttpMethod.Get, path, null, version);

    public Task<CinderResponse> PostAsync(string path, string json, string? version = "3.70") => SendAsync(HttpMethod.Post, path, json, version);

    /// <summary>Creates a volume and waits until it leaves <c>creating</c>; returns its view.</summary>
    public async Task<JsonNode> CreateVolumeAsync(string body, string status = "available")
    {
        var created = await PostAsync("/volumes", body);
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        return await WaitForAsync("volumes", created.Json["volume"]!["id"]!.GetValue<string>(), status);
    }

    public async Task<JsonNode> WaitForAsync(string collection, string id, string status)
    {
        var key = collection == "volumes" ? "volume" : "snapshot";
        var shown = await Eventually.Until(
            async () => (await GetAsync($"/{collection}/{id}")).Json[key]!,
            node => node["status"]!.GetValue<string>() == status,
            because: $"{key} {id} should become {status}");
        return shown;
    }

    /// <summary>Deletes and waits until it is gone, so no release of quota lands in a later test.</summary>
    public async Task DeleteAndWaitAsync(string collection, string id)
    {
        var deleted = await SendAsync(HttpMethod.Delete, $"/{collection}/{id}");
        deleted.Status.Should().Be(HttpStatusCode.Accepted, deleted.Body);
        await Eventually.Until(async () => (await GetAsync($"/{collection}/{id}")).Status, status => status == HttpStatusCode.NotFound);
    }

    public void Dispose() => http.Dispose();
}

public sealed record CinderResponse(HttpStatusCode Status, string Body, string? Version)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public override string ToString() => $"{(int)Status} {Body}";
}
