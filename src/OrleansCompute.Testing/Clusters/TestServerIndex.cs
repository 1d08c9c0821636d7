using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Testing.Clusters;

/// <summary>
/// The server index of a test silo: the real SQLite index (the list queries' semantics) in a file of its own under
/// the temp directory, created when the silo starts and deleted when it stops.
/// </summary>
internal sealed class TestServerIndex(SqliteComputeDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public static void Add(IServiceCollection services)
    {
        var directory = Directory.CreateTempSubdirectory("orleans-compute-index-").FullName;
        services.AddSingleton(_ => new SqliteComputeDatabase(Path.Combine(directory, "compute.db")));
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TestServerIndex>();
    }

    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(nameof(TestServerIndex), ServiceLifecycleStage.RuntimeInitialize, database.EnsureSchemaAsync, RemoveAsync);

    private async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await database.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(database.FilePath)!, recursive: true);
    }
}
