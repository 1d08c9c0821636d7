using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansCompute.Hosting;

/// <summary>A front's readiness: healthy while its Orleans client is connected to at least one silo's gateway.</summary>
internal sealed class GatewayHealthCheck(GatewayConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.Connected
            ? HealthCheckResult.Healthy("connected to the cluster")
            : HealthCheckResult.Unhealthy("no gateway of the cluster answers"));
}
