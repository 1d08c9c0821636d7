using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>Builds a one-silo in-process cluster wired to a SQLite database exactly as the host wires it.</summary>
public static class ProbeCluster
{
    public const string StorageName = "compute";

    /// <summary>A second provider on the same tables with DeleteStateOnClear, to exercise DeleteStorageKey.</summary>
    public const string DeletingStorageName = "compute-deleting";

    public static async Task<InProcessTestCluster> StartAsync(SqliteComputeDatabase database, string serviceId, ReminderTickLog tickLog)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(StorageName, options =>
            {
                options.Invariant = SqliteComputeDatabase.OrleansInvariant;
                options.DataSource = database.WriteDataSource;
            });
            silo.AddAdoNetGrainStorage(DeletingStorageName, options =>
            {
                options.Invariant = SqliteComputeDatabase.OrleansInvariant;
                options.DataSource = database.WriteDataSource;
                options.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = SqliteComputeDatabase.OrleansInvariant;
                options.DataSource = database.WriteDataSource;
            });
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();
            silo.Services.AddSingleton(tickLog);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static IServiceProvider SiloServices(this InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider;
}
