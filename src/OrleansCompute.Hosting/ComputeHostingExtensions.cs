using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCompute.Api;
using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Hosting;

/// <summary>The public hosting API: add the control plane to an application, then map its routes.</summary>
public static class ComputeHostingExtensions
{
    /// <summary>Orleans invariant under which its ADO.NET providers load Microsoft.Data.Sqlite.</summary>
    private const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Adds an Orleans silo with the control plane's grains, storage, reminders and server index, and the Nova
    /// API services, all configured from the <c>Compute</c> configuration section.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansCompute(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        var cluster = string.Equals(options.Mode, ComputeModes.Cluster, StringComparison.OrdinalIgnoreCase);
        if (!cluster && !string.Equals(options.Mode, ComputeModes.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Compute:Mode '{options.Mode}' is not supported; use '{ComputeModes.Embedded}' or '{ComputeModes.Cluster}'.");
        }

        var services = builder.Services;
        services.Configure<ComputeOptions>(configuration.GetSection(ComputeOptions.SectionName));
        AddComputeServices(services, configuration);
        if (cluster)
        {
            ClusterHosting.Add(builder, options);
            return builder;
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        IdentityHosting.AddBuiltInIdentity(services, configuration, directory);
        var database = new SqliteComputeDatabase(Path.Combine(directory, "compute.db"));
        services.AddSingleton(database);
        services.AddSingleton<IServerIndex>(sp => new SqliteServerIndex(sp.GetRequiredService<SqliteComputeDatabase>()));
        ComputeHealthChecks.Add(services, _ => database.ReadDataSource);

        // Hosted services start in registration order: the schema must exist before the silo reads its queries.
        services.AddHostedService<DatabaseSchemaService>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddAdoNetGrainStorage(ComputeStorage.ProviderName, o =>
            {
                o.Invariant = SqliteInvariant;
                o.DataSource = database.WriteDataSource;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = SqliteInvariant;
                o.DataSource = database.WriteDataSource;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(Math.Max(1, options.MinimumReminderPeriod)));
            ComputeResourceServices.ConfigureReminders(silo, configuration);
        });
        services.AddHostedService<InFlightServerResumeService>();
        return builder;
    }

    /// <summary>The services grains and API share, independent of how state is stored.</summary>
    internal static void AddComputeServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddComputeApi(configuration);
        services.Configure<CatalogOptions>(configuration.GetSection(CatalogOptions.SectionName));
        services.Configure<FakeDriverOptions>(configuration.GetSection(FakeDriverOptions.SectionName));
        services.Configure<ServerLifecycleOptions>(configuration.GetSection(ServerLifecycleOptions.SectionName));
        services.AddSingleton<ComputeCatalog>();
        ComputeResourceServices.AddComputeResources(services, configuration);
        services.AddSingleton<InFlightServerSweeper>();
        services.AddSingleton<IComputeDriver, FakeComputeDriver>();
        services.AddSingleton(ComputeClock.System);
        AddJsonGrainStorage(services);
    }

    /// <summary>
    /// Grain state is stored as plain JSON (no .NET type names), so renaming a class never orphans stored data.
    /// Defaults are written too: a missing required member would not read back.
    /// </summary>
    private static void AddJsonGrainStorage(IServiceCollection services)
    {
        services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o =>
        {
            o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.JsonSerializerOptions.WriteIndented = false;
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
    }

    /// <summary>Adds the compute API's middleware (request ids, faults, microversions, auth) to the pipeline.</summary>
    public static IApplicationBuilder UseOrleansCompute(this IApplicationBuilder app) => app.UseComputeApi();

    /// <summary>Maps the Nova routes (<c>/v2.1</c>, <c>/v2.1/{project_id}</c>), the version documents and the health probes.</summary>
    public static IEndpointRouteBuilder MapOrleansCompute(this IEndpointRouteBuilder routes) =>
        routes.MapComputeApi().MapComputeHealthChecks();
}
