using Microsoft.Extensions.Hosting;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Cluster mode does not change the schema on start (the database user of a silo need not own it): it checks that
/// init-db has run, and says so plainly when it has not, before Orleans fails less directly.
/// </summary>
internal sealed class ClusterSchemaCheckService(PostgresComputeDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = await database.MissingQueryKeysAsync(cancellationToken);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database lacks the OrleansCompute schema ({missing.Count} query keys missing, e.g. {missing[0]}). " +
                "Create or update it with: OrleansCompute.Host init-db (same configuration), or apply deploy/sql/postgresql/*.sql in order.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
