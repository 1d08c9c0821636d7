using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Hosting;

/// <summary>
/// A metrics exporter that serves a scrape endpoint, from an optional package (OrleansCompute.Hosting.Prometheus
/// registers one with <c>AddOrleansComputePrometheus</c>). The exporter lives apart because only a prerelease of
/// OpenTelemetry's Prometheus exporter is published, which a stable package may not depend on.
/// <see cref="ComputeHostingExtensions.MapOrleansCompute"/> maps it when <c>Compute:Telemetry:Prometheus</c> is on.
/// </summary>
public interface IComputeScrapeEndpoint
{
    /// <summary>Maps the scrape endpoint at <paramref name="path"/> (<c>Compute:Telemetry:PrometheusPath</c>).</summary>
    /// <param name="routes">The application's route builder.</param>
    /// <param name="path">Where the endpoint is served, outside the compute path prefix.</param>
    IEndpointConventionBuilder Map(IEndpointRouteBuilder routes, string path);
}
