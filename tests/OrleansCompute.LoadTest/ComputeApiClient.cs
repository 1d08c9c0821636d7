using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCompute.LoadTest;

/// <summary>The few Nova calls the scenarios make, over one pooled HttpClient.</summary>
public sealed class ComputeApiClient(HttpClient http, LoadTestOptions options)
{
    public async Task<string> CreateServerAsync(string name, CancellationToken cancellationToken)
    {
        var body = await PostAsync("servers", ServerBody(name, 1, returnReservation: false), cancellationToken);
        return body["server"]!["id"]!.GetValue<string>();
    }

    public async Task<string> CreateManyAsync(string name, int count, CancellationToken cancellationToken)
    {
        var body = await PostAsync("servers", ServerBody(name, count, returnReservation: true), cancellationToken);
        return body["reservation_id"]!.GetValue<string>();
    }

    public async Task<(HttpStatusCode Status, string? ServerStatus)> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"servers/{id}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        return (response.StatusCode, json["server"]!["status"]!.GetValue<string>());
    }

    public async Task ShowAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"servers/{id}", cancellationToken);
        await EnsureAsync(response, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }

    public async Task<JsonNode> ListDetailAsync(string query, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("servers/detail" + query, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
    }

    public async Task<HttpStatusCode> ActionAsync(string id, string action, CancellationToken cancellationToken)
    {
        using var content = Json($"{{\"{action}\": null}}");
        using var response = await http.PostAsync($"servers/{id}/action", content, cancellationToken);
        return response.StatusCode;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"servers/{id}", cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Polls until the server has the status (or, for "gone", is 404), within the deadline.</summary>
    public async Task<bool> WaitForAsync(string id, string status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var (code, current) = await GetStatusAsync(id, cancellationToken);
            if ((status == "gone" && code == HttpStatusCode.NotFound) || current == status)
            {
                return true;
            }

            if (current == "ERROR")
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
        }

        return false;
    }

    private async Task<JsonNode> PostAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = Json(json);
        using var response = await http.PostAsync(path, content, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
    }

    private string ServerBody(string name, int count, bool returnReservation)
    {
        var counts = count > 1 ? $", \"min_count\": {count}, \"max_count\": {count}" : "";
        var reservation = returnReservation ? ", \"return_reservation_id\": true" : "";
        return $$$"""{"server": {"name": "{{{name}}}", "flavorRef": "{{{options.FlavorRef}}}", "imageRef": "{{{options.ImageRef}}}", "networks": "auto"{{{counts}}}{{{reservation}}}}}""";
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
        }
    }
}
