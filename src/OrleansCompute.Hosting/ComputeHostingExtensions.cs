using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// API services, configured from the <c>Compute</c> configuration section and then by <paramref name="configure"/>:
    /// storage mode, compute driver, default quotas and the catalog (flavors, images, networks, hosts).
    /// </summary>
    /// <param name="builder">The application's host builder (for example <c>WebApplication.CreateBuilder(args)</c>).</param>
    /// <param name="configure">Choices made in code; they win over configuration.</param>
    public static IHostApplicationBuilder AddOrleansCompute(this IHostApplicationBuilder builder, Action<ComputeSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
        var choices = new ComputeSiloOptions(options);
        configure?.Invoke(choices);
        if (choices.DefaultQuotas is { } quotas)
        {
            builder.Configuration.AddInMemoryCollection(ComputeQuotaConfiguration.AsConfiguration(quotas));
        }

        var cluster = string.Equals(options.Mode, ComputeModes.Cluster, StringComparison.OrdinalIgnoreCase);
        if (!cluster && !string.Equals(options.Mode, ComputeModes.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Compute:Mode '{options.Mode}' is not supported; use '{ComputeModes.Embedded}' or '{ComputeModes.Cluster}'.");
        }

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        AddComputeServices(services, configuration);
        ApplySiloChoices(services, choices);

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        IdentityHosting.AddBuiltInIdentity(services, configuration, directory, cluster);
        if (cluster)
        {
            ClusterHosting.Add(builder, options);
            Telemetry.ComputeTelemetryHosting.AddToSilo(builder);
            return builder;
        }

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
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(Math.Max(1, options.MinimumReminderPeriod)));
            ComputeResourceServices.ConfigureReminders(silo, configuration);
            if (choices.InMemoryState)
            {
                // Tests (OrleansCompute.Testing): Orleans' own memory stores; the index stays in compute.db.
                silo.AddMemoryGrainStorage(ComputeStorage.ProviderName);
                silo.UseInMemoryReminderService();
                ComputeEventStreams.AddToSiloWithMemoryPubSub(silo);
                return;
            }

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
            ComputeEventStreams.AddToSilo(silo, o =>
            {
                o.Invariant = SqliteInvariant;
                o.DataSource = database.WriteDataSource;
            });
        });
        services.AddHostedService<InFlightServerResumeService>();
        // After the silo: its hosted services must start behind the schema's.
        Telemetry.ComputeTelemetryHosting.AddToSilo(builder);
        return builder;
    }

    /// <summary>The product's compute driver and catalog changes, over what configuration registered.</summary>
    private static void ApplySiloChoices(IServiceCollection services, ComputeSiloOptions choices)
    {
        if (choices.DriverFactory is { } driver)
        {
            services.Replace(ServiceDescriptor.Singleton(driver));
        }

        foreach (var change in choices.CatalogChanges)
        {
            services.PostConfigure(change);
        }
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
        ComputeEventServices.Add(services);
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

    /// <summary>
    /// Maps the Nova routes (<c>/v2.1</c>, <c>/v2.1/{project_id}</c>, the version documents, the admin event stream
    /// <c>/v2.1/os-events</c>) under <paramref name="pathPrefix"/>, with the compute API's own request ids, Nova
    /// faults, microversions and authentication around them and around nothing else; and the OpenAPI document of
    /// those routes at <c>{pathPrefix}/openapi/compute.json</c>.
    /// </summary>
    /// <param name="routes">The application (a <c>WebApplication</c>) or any endpoint route builder.</param>
    /// <param name="pathPrefix">Where the API lives, for example <c>/compute</c>; empty (the default) for the root, as Nova.</param>
    /// <param name="configure">
    /// Set <see cref="ComputeEndpointOptions.ResolveCaller"/> to let the product's own authentication name the
    /// project, user and roles; otherwise the configured token mode (<c>Compute:Auth</c>) applies. With a resolver the
    /// built-in identity service is neither served (no <c>/identity</c> routes) nor bootstrapped (no generated
    /// passwords, no clouds.yaml).
    /// </param>
    public static IEndpointConventionBuilder MapOrleansCompute(this IEndpointRouteBuilder routes, string pathPrefix = "", Action<ComputeEndpointOptions>? configure = null)
    {
        var options = new ComputeEndpointOptions();
        configure?.Invoke(options);
        if (options.ResolveCaller is null)
        {
            // The built-in identity service is served (in identity mode): its bootstrap runs at start.
            routes.ServiceProvider.GetService<IdentityUse>()?.MarkServed();
        }

        Telemetry.ComputeTelemetryHosting.MapEndpoints(routes);
        return routes.MapComputeApi(pathPrefix, options);
    }
}
