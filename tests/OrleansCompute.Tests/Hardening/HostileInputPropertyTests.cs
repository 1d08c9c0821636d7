using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Our own hostile-input suite: generated requests for every route of the OpenAPI document the host serves (and the
/// identity service's token route), sent as a member of project demo. Every answer is below 500, within 2 s, and
/// names nothing internal; every refusal is a fault body of the service's format; every request that would change
/// state is refused, and the project's servers, quota usage, key pairs and server groups are the same afterwards.
/// CI runs <see cref="DefaultCases"/> cases from a fixed seed; ORLEANSCOMPUTE_HOSTILE_CASES (and _SEED) run longer.
/// </summary>
[Collection(HardeningHostCollection.Name)]
public sealed class HostileInputPropertyTests(HardeningHostFixture fixture, ITestOutputHelper output)
{
    public const int DefaultCases = 5000;

    /// <summary>A CsCheck seed (PCG stream 7, state 20261204): the same cases in every CI run.</summary>
    public const string DefaultSeed = "0000001diBz7";

    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Hostile_requests_on_every_route_are_refused_cleanly_and_change_nothing()
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("ORLEANSCOMPUTE_HOSTILE_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultCases;
        var seed = Environment.GetEnvironmentVariable("ORLEANSCOMPUTE_HOSTILE_SEED") is { Length: > 0 } s ? s : DefaultSeed;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = fixture.Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var routes = (await OpenApiRoute.ReadAsync(http)).Append(new OpenApiRoute("POST", "/identity/v3/auth/tokens")).ToList();
        routes.Should().Contain(r => r.Template == "/v2.1/servers/{id}/action", "the suite attacks the routes the document lists");
        var generators = new HostileGenerators(routes, fixture.DemoServerId, fixture.DemoProjectId);
        var before = await StateAsync();
        var statuses = new Dictionary<int, int>();
        var stopwatch = Stopwatch.StartNew();

        await generators.Requests.SampleAsync(
            async request =>
            {
                var status = await SendAndJudgeAsync(http, request);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            },
            seed: seed,
            iter: cases,
            threads: 1,
            print: request => request.ToString());

        var after = await StateAsync();
        after.Should().Be(before, "no refused request may change the project's servers, quota usage, key pairs or server groups");
        output.WriteLine($"{cases} cases from seed {seed} in {stopwatch.Elapsed.TotalSeconds:F1} s; statuses: " +
            string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
    }

    private async Task<int> SendAndJudgeAsync(HttpClient http, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
        request.Headers.Add("X-Auth-Token", fixture.DemoToken);
        if (hostile.Version is not null)
        {
            request.Headers.TryAddWithoutValidation("OpenStack-API-Version", hostile.Version);
        }

        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }

        var stopwatch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        stopwatch.Stop();
        var status = (int)response.StatusCode;
        var because = $"{status} {Shorten(body)}";

        stopwatch.Elapsed.Should().BeLessThan(AnswerWithin, because);
        status.Should().BeLessThan(500, because);
        FaultBody.FindInternals(body).Should().BeNull(because);
        if (hostile.MustBeRefused)
        {
            status.Should().BeInRange(400, 499, "a request that would change state was made invalid on purpose: " + because);
        }

        if (status >= 400)
        {
            IsFaultOfItsService(hostile.Path, status, body, response.Content.Headers.ContentType).Should().BeTrue("a refusal is a fault body of the service's format: " + because);
        }

        return status;
    }

    /// <summary>Nova's fault for compute, Keystone's error for identity, Glance's plain text (or Nova's 401) for the image service.</summary>
    private static bool IsFaultOfItsService(string path, int status, string body, MediaTypeHeaderValue? contentType)
    {
        if (body.Length == 0 && (status is 414 or 431 || (status == 400 && path.Contains("%00", StringComparison.Ordinal))))
        {
            // Kestrel refuses a request line or headers past its limits, and a NUL in the path, before any middleware
            // runs: no body at all (docs/security.md).
            return true;
        }

        if (path.StartsWith("/identity/", StringComparison.Ordinal))
        {
            // The compute pipeline's own refusals (an encoded slash) come before the identity routes.
            return FaultBody.IsKeystoneError(body, status) || FaultBody.NovaFaultName(body, status) is not null;
        }

        if (path.StartsWith("/network/", StringComparison.Ordinal))
        {
            // The network service answers as Neutron: {"NeutronError": {"type", "message", "detail"}}; the compute
            // pipeline's own refusals (401, an encoded slash) come before its routes.
            return FaultBody.NovaFaultName(body, status) is not null
                || (JsonNode.Parse(body)?["NeutronError"] is JsonObject error
                    && error["type"] is JsonValue && error["message"] is JsonValue && error["detail"] is JsonValue);
        }

        if (path.StartsWith("/image/", StringComparison.Ordinal) && contentType?.MediaType == "text/plain")
        {
            return body.StartsWith(status.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal);
        }

        return FaultBody.NovaFaultName(body, status) is not null;
    }

    /// <summary>What a refused request must not change, read as demo.</summary>
    private async Task<string> StateAsync()
    {
        var servers = (await fixture.Demo.GetAsync("/v2.1/servers/detail", "2.26")).Json["servers"]!.AsArray()
            .Select(s => string.Join("|", s!["id"], s["name"], s["status"], s["metadata"]!.ToJsonString(), s["tags"]!.ToJsonString(), s["security_groups"]?.ToJsonString(), s["locked"]))
            .Order(StringComparer.Ordinal);
        var limits = (await fixture.Demo.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!;
        var keyPairs = (await fixture.Demo.GetAsync("/v2.1/os-keypairs")).Json["keypairs"]!.ToJsonString();
        var groups = (await fixture.Demo.GetAsync("/v2.1/os-server-groups")).Json["server_groups"]!.ToJsonString();
        var quota = (await fixture.Demo.GetAsync($"/v2.1/os-quota-sets/{fixture.DemoProjectId}")).Json["quota_set"]!.ToJsonString();
        return string.Join("\n", servers) + "\n" + ((JsonObject)limits).ToJsonString() + "\n" + keyPairs + "\n" + groups + "\n" + quota;
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "..." : body;
}
