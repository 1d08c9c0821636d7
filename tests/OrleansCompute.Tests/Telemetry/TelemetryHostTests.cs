using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Telemetry;

/// <summary>
/// The real host process with the opt-in operational surface switched on (Prometheus scrape endpoint, Orleans
/// Dashboard, JSON console logs with scopes): what an operator scrapes, opens and greps.
/// </summary>
public sealed class TelemetryHostTests(TelemetryHostFixture fixture) : IClassFixture<TelemetryHostFixture>
{
    private readonly HostProcess _host = fixture.Host;

    [Fact]
    public async Task Prometheus_shows_requests_by_route_template_status_and_microversion_without_ids()
    {
        using var nova = NovaClient.For(_host);
        var missing = Guid.NewGuid().ToString();
        (await nova.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK);
        (await nova.GetAsync($"/v2.1/servers/{missing}", version: "2.47")).Status.Should().Be(HttpStatusCode.NotFound);
        var id = await nova.CreateServerAsync("scraped");
        await nova.WaitForStatusAsync(id, "ACTIVE");

        using var scraper = new HttpClient { BaseAddress = _host.BaseAddress };
        var metrics = await Eventually.Until(
            () => scraper.GetStringAsync("/metrics"),
            text => Sample(text, "compute_api_requests_total", "/v2.1/servers/{id}", "GET", "404", "2.47") is not null
                && Sample(text, "compute_api_requests_total", "/v2.1/servers", "POST", "202", "2.1") is not null
                && ServersWithStatus(text, "ACTIVE") >= 1,
            because: "the requests made and the ACTIVE server appear on the scrape endpoint");

        Sample(metrics, "compute_api_requests_total", "/v2.1/servers", "GET", "200", "2.1").Should().BeGreaterThanOrEqualTo(1);
        Sample(metrics, "compute_api_request_duration_seconds_count", "/v2.1/servers/{id}", "GET", "404", "2.47").Should().Be(1);
        metrics.Should().Contain("compute_api_request_duration_seconds_bucket{", "durations are a histogram in seconds");
        metrics.Should().NotContain(missing, "a tag never carries an id");
        metrics.Should().NotContain(id, "a tag never carries an id");
        metrics.Should().Contain("orleans_app_requests_latency", "grain calls come from Orleans' own meter");
    }

    [Fact]
    public async Task The_dashboard_answers_when_enabled()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        using var response = await http.GetAsync("/dashboard/");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task A_log_line_written_while_serving_a_request_carries_its_request_id_and_project()
    {
        using var nova = NovaClient.For(_host, "logger-user:logger-project");
        // A request with a body: Kestrel logs (at Debug) reading it, inside the compute pipeline.
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = "logged", ["imageRef"] = NovaClient.Image, ["flavorRef"] = "1" } };
        var response = await nova.PostAsync("/v2.1/servers", body.ToJsonString());
        response.Status.Should().Be(HttpStatusCode.Accepted);
        var requestId = response.Header("x-openstack-request-id");
        requestId.Should().StartWith("req-");

        var line = await Eventually.Until(
            () => Task.FromResult(JsonLines(_host.Output).FirstOrDefault(l => ScopeValue(l, "RequestId") == requestId)),
            found => found.ValueKind != JsonValueKind.Undefined,
            because: "the lines logged while the request is served carry the compute request id in their scopes");
        ScopeValue(line, "ProjectId").Should().Be("logger-project");
        ScopeValue(line, "UserId").Should().Be("logger-user");
    }

    /// <summary>The value of one Prometheus sample with exactly these labels, or null.</summary>
    private static double? Sample(string metrics, string name, string route, string method, string status, string microversion)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal)
                && line.Contains($"http_route=\"{route}\"", StringComparison.Ordinal)
                && line.Contains($"http_request_method=\"{method}\"", StringComparison.Ordinal)
                && line.Contains($"http_response_status_code=\"{status}\"", StringComparison.Ordinal)
                && line.Contains($"compute_microversion=\"{microversion}\"", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static double ServersWithStatus(string metrics, string status)
    {
        var match = Regex.Match(metrics, $"^compute_servers\\{{[^}}]*compute_server_status=\"{status}\"[^}}]*\\}} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static IEnumerable<JsonElement> JsonLines(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            JsonElement element;
            try
            {
                element = JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            yield return element;
        }
    }

    /// <summary>The innermost scope value of that name (ASP.NET's own hosting scope also has a RequestId, its connection-level one).</summary>
    private static string? ScopeValue(JsonElement line, string name)
    {
        if (!line.TryGetProperty("Scopes", out var scopes))
        {
            return null;
        }

        string? value = null;
        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
            {
                value = property.GetString();
            }
        }

        return value;
    }
}
