using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansCompute.WebConsole.Api;

/// <summary>
/// The console's only way to the control plane: the host's public HTTP API, with the signed-in user's token, at
/// the newest microversion. Policy therefore decides what a user sees, exactly as for the CLI.
/// </summary>
internal sealed class ComputeApiClient(IHttpClientFactory clients, ApiAddress address)
{
    public const string HttpClientName = "OrleansCompute.WebConsole";

    public Task<ApiResponse> GetAsync(string path, string token, string microversion = "latest", CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, token, null, microversion, cancellationToken);

    public Task<ApiResponse> PostAsync(string path, string token, JsonNode? body, string microversion = "latest", CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, token, body, microversion, cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, string token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, path, token, null, "latest", cancellationToken);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? token, JsonNode? body, string microversion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, address.For(path));
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        request.Headers.Add("OpenStack-API-Version", "compute " + microversion);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>Opens a streaming GET (the event stream): the caller owns the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address.For(path));
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var client = clients.CreateClient(HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>A call to the identity service's <c>auth/tokens</c>: the response and its <c>X-Subject-Token</c>.</summary>
    public async Task<(ApiResponse Response, string? SubjectToken)> TokensAsync(HttpMethod method, JsonNode? body, string? token, string? subjectToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, address.IdentityTokens);
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        if (subjectToken is not null)
        {
            request.Headers.Add("X-Subject-Token", subjectToken);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var subject = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        return (await ReadAsync(response, cancellationToken), subject);
    }

    private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                json = null;
            }
        }

        var fault = response.IsSuccessStatusCode ? null : ApiResponse.FaultMessage(json) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        return new ApiResponse(response.StatusCode, json, fault);
    }
}
