using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Hosting;

/// <summary>OpenTelemetry's Prometheus scrape endpoint, mapped by <c>MapOrleansCompute</c>.</summary>
internal sealed class PrometheusScrapeEndpoint : IComputeScrapeEndpoint
{
    public IEndpointConventionBuilder Map(IEndpointRouteBuilder routes, string path) => routes.MapPrometheusScrapingEndpoint(path);
}
