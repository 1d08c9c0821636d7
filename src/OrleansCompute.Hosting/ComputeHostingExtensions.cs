using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCompute.Api;
using OrleansCompute.Catalog;
using OrleansCompute.WebConsole;
using OrleansCompute.Driver;
using OrleansCompute.Servers;
using OrleansCompute.Storage;

namespace OrleansCompute.Hosting;

/// <summary>The public hosting API: add the control plane to an application, then map its routes.</summary>
public static class ComputeHostingExtensions
{
    /// <summary>
    /// Adds an Orleans silo with the control plane's grains, storage, reminders and server index, and the Nova
    /// API services, configured from the <c>Compute</c> configuration section and then by <paramref name="configure"/>:
    /// storage mode, compute driver, default quotas and the catalog (flavors, images, networks, hosts). Every options
    /// section is checked when the host starts (a wrong value stops it with an <see cref="OptionsValidationException"/>
    /// naming the key). Calling it again registers nothing twice; only its <paramref name="configure"/> choices apply.
    /// </summary>
    /// <param name="builder">The application's host builder (for example <c>WebApplication.CreateBuilder(args)</c>).</param>
    /// <param name="configure">Choices made in code; they win over configuration.</param>
    public static IHostApplicationBuilder AddOrleansCompute(this IHostApplicationBuilder builder, Action<ComputeSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var choices = new ComputeSiloOptions(
            ComputeOptionsRegistration.ReadForRegistration(builder.Configuration),
            ComputeOptionsRegistration.ReadForRegistration(builder.Configuration));
        configure?.Invoke(choices);
        if (!builder.Services.Any(service => service.ServiceType == typeof(ComputeSiloMarker)))
        {
            builder.Services.AddSingleton<ComputeSiloMarker>();
            AddSilo(builder, ComputeModes.IsCluster(choices.Hosting.Mode), choices.InMemoryState);
        }

        choices.ApplyTo(builder.Services);
        return builder;
    }

    /// <summary>The silo and its services, once per application; the mode decides the Orleans providers.</summary>
    private static void AddSilo(IHostApplicationBuilder builder, bool cluster, bool inMemoryState)
    {
        var services = builder.Services;
        ComputeOptionsRegistration.Add(services);
        AddComputeServices(services, builder.Configuration);
        // The console is a web application: only a web host has one (a product's TestCluster silo has no server).
        services.AddOrleansComputeConsole(builder.Configuration);
        IdentityHosting.AddBuiltInIdentity(services, builder.Configuration, cluster);
        WatchdogSafeMembershipClock.AddTo(services);
        if (cluster)
        {
            ClusterHosting.Add(builder);
        }
        else
        {
            EmbeddedHosting.Add(builder, inMemoryState);
        }

        // After the silo: its hosted services must start behind the schema's.
        Telemetry.ComputeTelemetryHosting.AddToSilo(builder);
    }

    /// <summary>The services grains and API share, independent of how state is stored.</summary>
    internal static void AddComputeServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddComputeApi(configuration);
        ComputeGrainOptions.Add(services, configuration);
        services.AddSingleton<ComputeCatalog>();
        // The network service's index, in the server index's database (issue 16).
        services.TryAddSingleton(sp => OrleansCompute.Persistence.Index.NeutronIndexes.Beside(sp.GetRequiredService<Indexing.IServerIndex>()));
        // The image lists' index, in the same database.
        services.TryAddSingleton(sp => OrleansCompute.Persistence.Images.ImageIndexes.Beside(sp.GetRequiredService<Indexing.IServerIndex>()));
        services.AddSingleton<InFlightServerSweeper>();
        // Each silo's view of the hosts' usage for its schedulers (issue 19).
        services.AddSingleton<Scheduling.HostUsageView>();
        services.AddSingleton<IComputeDriver, FakeComputeDriver>();
        services.AddSingleton(ComputeClock.System);
        ComputeEventServices.Add(services);
        VolumeHosting.Add(services, configuration);
        AddJsonGrainStorage(services);
    }

    /// <summary>
    /// Grain state is stored as plain JSON (no .NET type names), so renaming a class never orphans stored data.
    /// Defaults are written too: a missing required member would not read back. The compute states are written by
    /// source-generated code (<see cref="GrainStateJsonSerializer"/>, byte-identical JSON).
    /// </summary>
    private static void AddJsonGrainStorage(IServiceCollection services)
    {
        services.AddSingleton<IGrainStorageSerializer, GrainStateJsonSerializer>();
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
        routes.MapOrleansComputeConsole(pathPrefix);
        return routes.MapComputeApi(pathPrefix, options);
    }
}
