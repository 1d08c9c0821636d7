using Microsoft.Extensions.Hosting;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Hosting;

/// <summary>
/// Creates the data directory and (or completes) the database schema before the silo starts: Orleans' storage and
/// reminder providers read their query texts once at start-up. Registered before the silo so that it runs first.
/// Nothing is created while services are registered: a host that fails validation leaves no directory behind.
/// </summary>
internal sealed class DatabaseSchemaService(SqliteComputeDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        return database.EnsureSchemaAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
