using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Cluster mode: this process is one of several silos, each serving the API. Membership, grain state, reminders
/// and the server index all live in one PostgreSQL database; Orleans spreads the grains. Every value comes from the
/// container when the silo is built (the connection string, <see cref="IOptions{ComputeOptions}"/>).
/// </summary>
internal static class ClusterHosting
{
    public static void Add(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new PostgresComputeDatabase(ComputeConnectionStrings.Require(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<IServerIndex>(sp => new PostgresServerIndex(sp.GetRequiredService<PostgresComputeDatabase>()));
        ImageDataHosting.Add(services, cluster: true);
        ComputeHealthChecks.Add(services, sp => sp.GetRequiredService<PostgresComputeDatabase>().DataSource);

        // Hosted services start in registration order: the schema check runs before the silo reads its queries.
        services.AddHostedService<ClusterSchemaCheckService>();
        builder.UseOrleans(silo =>
        {
            ComputeClusterIdentity.Configure(silo.Services);
            ComputeMembership.Add(silo.Services);
            // The same reminder settings as embedded mode (the lifecycle and reservation reminders).
            ComputeGrainOptions.ConfigureReminders(silo);
            ComputeGrainCollection.Configure(silo);
            silo.AddIncomingGrainCallFilter<OrleansCompute.Faults.StorageOutageGrainCallFilter>();
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<ComputeOptions>>((endpoints, compute) => ConfigureEndpoints(endpoints, compute.Value));
            silo.UseAdoNetClustering(o => o.Configure<PostgresComputeDatabase>((clustering, database) =>
            {
                clustering.Invariant = PostgresComputeDatabase.OrleansInvariant;
                clustering.ConnectionString = database.ConnectionString;
            }));
            silo.AddAdoNetGrainStorage(ComputeStorage.ProviderName, o => o.Configure<PostgresComputeDatabase>(UsePostgres));
            silo.UseAdoNetReminderService(o => o.Configure<PostgresComputeDatabase>((reminders, database) =>
            {
                reminders.Invariant = PostgresComputeDatabase.OrleansInvariant;
                reminders.ConnectionString = database.ConnectionString;
            }));
            ComputeEventStreams.AddToSilo<PostgresComputeDatabase>(silo, UsePostgres);
        });
        services.AddHostedService<InFlightServerResumeService>();
        services.AddHostedService<ImageIndexBackfillService>();
        services.AddHostedService<SiloDeathSweepService>();
    }

    /// <summary>
    /// What Orleans' <c>ConfigureEndpoints</c> sets: the two ports and the advertised address; unset, Orleans picks this
    /// host's first non-loopback address.
    /// </summary>
    private static void ConfigureEndpoints(EndpointOptions endpoints, ComputeOptions compute)
    {
        endpoints.SiloPort = compute.SiloPort;
        endpoints.GatewayPort = compute.GatewayPort;
        if (compute.AdvertisedAddress is { Length: > 0 } address && IPAddress.TryParse(address, out var advertised))
        {
            endpoints.AdvertisedIPAddress = advertised;
        }
    }

    private static void UsePostgres(AdoNetGrainStorageOptions storage, PostgresComputeDatabase database)
    {
        storage.Invariant = PostgresComputeDatabase.OrleansInvariant;
        storage.ConnectionString = database.ConnectionString;
    }
}
