using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansCompute.Hosting;

/// <summary>Healthy while this process's silo is Active in the cluster: not before it joined, nor once it is stopping.</summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("silo active")
            : HealthCheckResult.Unhealthy($"silo {status}"));
    }
}
