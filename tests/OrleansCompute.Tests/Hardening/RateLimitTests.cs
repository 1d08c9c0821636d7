using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Per-project rate limits (<c>Compute:RateLimit</c>): a project past its window's permits gets Nova's 429
/// <c>overLimit</c> with <c>Retry-After</c>, while other projects and unauthenticated documents are unaffected.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Permits = 4;
    private readonly TempDirectory _data = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = new HostProcess(_data.Path, "--Compute:RateLimit:Enabled=true", $"--Compute:RateLimit:PermitLimit={Permits}", "--Compute:RateLimit:WindowSeconds=120");
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_project_past_its_permits_gets_429_over_limit_with_retry_after_and_others_do_not()
    {
        using var busy = NovaClient.For(_host, "user:busy");
        for (var i = 0; i < Permits; i++)
        {
            (await busy.GetAsync("/v2.1/flavors")).Status.Should().Be(HttpStatusCode.OK);
        }

        var refused = await busy.GetAsync("/v2.1/servers");

        refused.Status.Should().Be(HttpStatusCode.TooManyRequests, refused.Body);
        FaultBody.NovaFaultName(refused.Body, 429).Should().Be("overLimit");
        var retryAfter = int.Parse(refused.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.Should().BeInRange(1, 120);
        refused.Json["overLimit"]!["retryAfter"]!.GetValue<string>().Should().Be(retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var quiet = NovaClient.For(_host, "user:quiet");
        (await quiet.GetAsync("/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK, "the limit is per project");
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        for (var i = 0; i < Permits * 2; i++)
        {
            (await anonymous.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "version documents name no project and are not limited");
        }
    }
}

/// <summary>Rate limits are off unless configured: a burst from one project is served whole.</summary>
[Collection(HardeningHostCollection.Name)]
public sealed class RateLimitOffByDefaultTests(HardeningHostFixture fixture)
{
    [Fact]
    public async Task A_burst_is_not_limited_by_default()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => fixture.Demo.GetAsync("/v2.1/flavors")));

        statuses.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
    }
}
