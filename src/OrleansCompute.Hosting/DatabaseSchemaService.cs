using Microsoft.Extensions.Hosting;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Hosting;

/// <summary>
/// Creates (or completes) the database schema before the silo starts: Orleans' storage and reminder providers
/// read their query texts once at start-up. Registered before the silo so that it runs first.
/// </summary>
internal sealed class DatabaseSchemaService(SqliteComputeDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
