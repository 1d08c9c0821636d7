using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Cluster mode: this process is one of several silos, each serving the API. Membership, grain state, reminders
/// and the server index all live in one PostgreSQL database; Orleans spreads the grains.
/// </summary>
internal static class ClusterHosting
{
    /// <summary>Optional Orleans membership tuning, bound as it is: <c>Compute:Membership</c>.</summary>
    private const string MembershipSection = "Compute:Membership";

    public static void Add(IHostApplicationBuilder builder, ComputeOptions options)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var database = new PostgresComputeDatabase(ComputeConnectionStrings.Require(configuration));
        services.AddSingleton(database);
        services.AddSingleton<IServerIndex>(sp => new PostgresServerIndex(sp.GetRequiredService<PostgresComputeDatabase>()));
        ComputeHealthChecks.Add(services, _ => database.DataSource);

        // Hosted services start in registration order: the schema check runs before the silo reads its queries.
        services.AddHostedService<ClusterSchemaCheckService>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
            // The same reminder settings as embedded mode (the lifecycle and reservation reminders).
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(Math.Max(1, options.MinimumReminderPeriod)));
            ComputeResourceServices.ConfigureReminders(silo, configuration);
            if (options.AdvertisedAddress is { Length: > 0 } address)
            {
                silo.ConfigureEndpoints(IPAddress.Parse(address), options.SiloPort, options.GatewayPort);
            }
            else
            {
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort);
            }

            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(ComputeStorage.ProviderName, o =>
            {
                o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            ComputeEventStreams.AddToSilo(silo, o =>
            {
                o.Invariant = PostgresComputeDatabase.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;
            });
        });
        services.AddHostedService<InFlightServerResumeService>();
        services.AddHostedService<SiloDeathSweepService>();
    }
}
