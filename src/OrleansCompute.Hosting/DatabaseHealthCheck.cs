using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansCompute.Hosting;

/// <summary>
/// Healthy when the database answers a trivial query. Hand-written (a few lines) because it serves both backends
/// through their DbDataSource; the community packages are one per database and the SQLite one is years old.
/// </summary>
internal sealed class DatabaseHealthCheck(DbDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1;");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unavailable", exception);
        }
    }
}
