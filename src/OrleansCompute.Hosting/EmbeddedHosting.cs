using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;

namespace OrleansCompute.Hosting;

/// <summary>
/// Embedded mode: one silo on loopback with its grain state, reminders, event PubSub and server index in one SQLite
/// file, <c>compute.db</c> in <see cref="ComputeOptions.DataDirectory"/>. Every value comes from the container
/// (<see cref="IOptions{ComputeOptions}"/>) when the silo is built; the directory is made when the schema service starts.
/// </summary>
internal static class EmbeddedHosting
{
    /// <summary>Orleans invariant under which its ADO.NET providers load Microsoft.Data.Sqlite.</summary>
    private const string SqliteInvariant = "System.Data.SQLite";

    /// <param name="builder">The application's builder.</param>
    /// <param name="inMemoryState">Tests (<see cref="ComputeSiloOptions.UseInMemoryState"/>): grain state, reminders and event PubSub in Orleans' memory stores; the index stays in compute.db.</param>
    public static void Add(IHostApplicationBuilder builder, bool inMemoryState)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new SqliteComputeDatabase(DatabaseFile(sp.GetRequiredService<IOptions<ComputeOptions>>().Value)));
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
        services.AddHostedService<Telemetry.GroupCommitInstruments>();
        ImageDataHosting.Add(services, cluster: false);
        ComputeHealthChecks.Add(services, sp => sp.GetRequiredService<SqliteComputeDatabase>().ReadDataSource);

        // Hosted services start in registration order: the schema must exist before the silo reads its queries.
        services.AddHostedService<DatabaseSchemaService>();
        builder.UseOrleans(silo =>
        {
            ComputeClusterIdentity.Configure(silo.Services);
            // UseLocalhostClustering's endpoints, with the ports read when the silo is built.
            silo.UseLocalhostClustering();
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<ComputeOptions>>((endpoints, compute) =>
            {
                endpoints.SiloPort = compute.Value.SiloPort;
                endpoints.GatewayPort = compute.Value.GatewayPort;
            });
            ComputeGrainOptions.ConfigureReminders(silo);
            ComputeGrainCollection.Configure(silo);
            silo.AddIncomingGrainCallFilter<OrleansCompute.Faults.StorageOutageGrainCallFilter>();
            if (inMemoryState)
            {
                silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
                silo.UseInMemoryReminderService();
                ComputeEventStreams.AddToSiloWithMemoryPubSub(silo);
                return;
            }

            silo.AddAdoNetGrainStorage(ComputeStorage.ProviderName, o => o.Configure<SqliteComputeDatabase>(UseSqlite));
            silo.UseAdoNetReminderService(o => o.Configure<SqliteComputeDatabase>((reminders, database) =>
            {
                reminders.Invariant = SqliteInvariant;
                reminders.DataSource = database.WriteDataSource;
            }));
            ComputeEventStreams.AddToSilo<SqliteComputeDatabase>(silo, UseSqlite);
        });
        services.AddHostedService<InFlightServerResumeService>();
        services.AddHostedService<ImageIndexBackfillService>();
    }

    internal static string DatabaseFile(ComputeOptions options) => Path.Combine(Path.GetFullPath(options.DataDirectory), "compute.db");

    private static void UseSqlite(AdoNetGrainStorageOptions storage, SqliteComputeDatabase database)
    {
        storage.Invariant = SqliteInvariant;
        storage.DataSource = database.GroupCommitDataSource;
    }
}
