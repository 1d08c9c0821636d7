using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Telemetry;

/// <summary>The shared host runs with the defaults: no scrape endpoint and no dashboard are mapped.</summary>
[Collection(HostCollection.Name)]
public sealed class TelemetryOffByDefaultTests(HostFixture fixture)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    public async Task Nothing_operational_is_served_unless_enabled(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var response = await http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
