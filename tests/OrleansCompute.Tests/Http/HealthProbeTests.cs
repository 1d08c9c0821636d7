using System.Net;

namespace OrleansCompute.Tests.Http;

/// <summary>The orchestrator's probes on the real host: no token, no Nova headers, plain 200 while healthy.</summary>
[Collection(HostCollection.Name)]
public sealed class HealthProbeTests(HostFixture fixture)
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task A_running_host_answers_its_probes_without_authentication(string path)
    {
        using var anonymous = new NovaClient(new HttpClient { BaseAddress = fixture.Host.BaseAddress });

        var response = await anonymous.GetAsync(path);

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        response.Body.Should().Be("Healthy");
        response.Header("OpenStack-API-Version").Should().BeNull("probes are not part of the Nova API");
    }
}
