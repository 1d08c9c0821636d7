using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Faults;
using OrleansCompute.Api.Flavors;
using OrleansCompute.Api.Identity;
using OrleansCompute.Api.ImageService;
using OrleansCompute.Api.Images;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Servers.Actions;
using OrleansCompute.Api.Versions;
using OrleansCompute.Images;

namespace OrleansCompute.Api;

/// <summary>Registers, and maps, the Nova HTTP API in an ASP.NET Core application.</summary>
public static class ComputeApiExtensions
{
    /// <summary>
    /// Adds the API's services and binds its options from <c>Compute:Api</c>, <c>Compute:Auth</c>,
    /// <c>Compute:Identity</c> and <c>Compute:Policy</c>. In <c>identity</c> mode the host also registers the
    /// <see cref="IdentityDirectory"/> and the <see cref="TokenProtector"/> (the hosting layer does, from the
    /// data directory).
    /// </summary>
    public static IServiceCollection AddComputeApi(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services, configuration);
        services.AddSingleton<ServerViewWriter>();
        services.TryAddSingleton<ImageLookup>();
        services.AddSingleton<ServerCreation>();
        services.TryAddSingleton<ClusterRecovery>();
        services.AddSingleton<Network.NetworkService>();
        services.TryAddSingleton<OrleansCompute.Consoles.IConsoleTokenValidator, Consoles.ConsoleTokenValidator>();
        services.AddSingleton<IComputePolicy, ComputePolicy>();
        services.TryAddSingleton(TimeProvider.System);
        AddAuthentication(services, AuthMode(configuration));
        OpenApi.ComputeOpenApi.AddServices(services);
        Operator.OperatorApi.AddServices(services);
        Volume.VolumeServiceApi.AddServices(services);
        return services;
    }

    /// <summary>
    /// The configured <c>Compute:Auth:Mode</c>, read before the container exists because it decides which
    /// authenticator is registered. An unknown mode reads as <c>identity</c> (the default) so that the container is
    /// complete; the host then stops at start with <c>Compute:Auth</c>'s validation message.
    /// </summary>
    public static string AuthMode(IConfiguration configuration)
    {
        var mode = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Mode ?? AuthModes.Identity;
        return KnownAuthMode(mode) ?? AuthModes.Identity;
    }

    private static string? KnownAuthMode(string? mode) => mode?.ToLowerInvariant() switch
    {
        AuthModes.Identity => AuthModes.Identity,
        AuthModes.Keystone => AuthModes.Keystone,
        AuthModes.NoAuth => AuthModes.NoAuth,
        _ => null,
    };

    /// <summary>The API's options, bound from the configuration given and checked when the host starts.</summary>
    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComputeApiOptions>().Bind(configuration.GetSection(ComputeApiOptions.SectionName))
            .Validate(o => o.MaxLimit >= 1, "Compute:Api:MaxLimit must be at least 1.")
            .Validate(o => o.PasswordLength >= 1, "Compute:Api:PasswordLength must be at least 1.")
            .Validate(o => o.MaxRequestBodyBytes >= 1, "Compute:Api:MaxRequestBodyBytes must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ImageServiceOptions>().Bind(configuration.GetSection(ImageServiceOptions.SectionName))
            .Validate(o => o.ImageSizeCap >= 0, "Compute:Images:ImageSizeCap must not be negative.")
            .Validate(o => o.MaxProperties >= 1 && o.MaxTags >= 1 && o.MaxMembers >= 1, "Compute:Images:MaxProperties, MaxTags and MaxMembers must be at least 1.")
            .Validate(o => o.Store is null or "directory" or "database", "Compute:Images:Store must be 'directory' or 'database'.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName))
            .Validate(o => KnownAuthMode(o.Mode) is not null, $"Compute:Auth:Mode is not supported; use '{AuthModes.Identity}', '{AuthModes.Keystone}' or '{AuthModes.NoAuth}'.")
            .Validate(
                o => KnownAuthMode(o.Mode) != AuthModes.Keystone || Uri.IsWellFormedUriString(o.Keystone.AuthUrl, UriKind.Absolute),
                "Compute:Auth:Keystone:AuthUrl must be an absolute URL in keystone mode.")
            .Validate(o => o.Keystone.TokenCacheSeconds >= 0, "Compute:Auth:Keystone:TokenCacheSeconds must not be negative.")
            .ValidateOnStart();
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Compute:Identity:TokenLifetime must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Region), "Compute:Identity:Region must not be empty.")
            .Validate(o => o.PublicUrl.Length == 0 || Uri.IsWellFormedUriString(o.PublicUrl, UriKind.Absolute), "Compute:Identity:PublicUrl must be an absolute URL when set.")
            .ValidateOnStart();
        services.AddOptions<ComputePolicyOptions>().Bind(configuration.GetSection(ComputePolicyOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.File) || File.Exists(o.File), "Compute:Policy:File names a file that does not exist.")
            .ValidateOnStart();
        services.AddOptions<Limits.RateLimitOptions>().Bind(configuration.GetSection(Limits.RateLimitOptions.SectionName))
            .Validate(o => o.PermitLimit >= 1, "Compute:RateLimit:PermitLimit must be at least 1.")
            .Validate(o => o.WindowSeconds > 0, "Compute:RateLimit:WindowSeconds must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
    }

    private static void AddAuthentication(IServiceCollection services, string mode)
    {
        switch (mode)
        {
            case AuthModes.Identity:
                services.AddSingleton<TokenService>();
                services.AddSingleton<ITokenAuthenticator, IdentityTokenAuthenticator>();
                break;
            case AuthModes.Keystone:
                services.AddHttpClient(KeystoneServiceToken.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
                services.AddMemoryCache();
                services.AddSingleton<KeystoneServiceToken>();
                services.AddSingleton<ITokenAuthenticator, KeystoneTokenAuthenticator>();
                break;
            default:
                services.AddSingleton<ITokenAuthenticator, NoAuthAuthenticator>();
                break;
        }
    }

    /// <summary>The pipeline itself; the product's caller resolver, when given, replaces token authentication.</summary>
    internal static IApplicationBuilder UseComputePipeline(IApplicationBuilder app, ComputeEndpointOptions options)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<Telemetry.RequestTelemetryMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<ClusterReadRetryMiddleware>();
        app.UseMiddleware<EncodedSlashMiddleware>();
        app.UseMiddleware<MicroversionMiddleware>();
        app.UseMiddleware<LegacyRelaxedBodyMiddleware>();
        if (options.ResolveCaller is { } resolveCaller)
        {
            app.UseMiddleware<Mounting.ProductCallerMiddleware>(resolveCaller);
        }
        else
        {
            app.UseMiddleware<AuthenticationMiddleware>();
        }

        app.UseMiddleware<Telemetry.CallerLogScopeMiddleware>();
        UseRateLimits(app);
        return app;
    }

    /// <summary>Per-project rate limits, after authentication names the project; nothing at all when they are off.</summary>
    private static void UseRateLimits(IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<Limits.RateLimitOptions>>().Value;
        if (limits.Enabled)
        {
            Limits.ProjectRateLimiter.Use(app, limits);
        }
    }

    /// <summary>
    /// Maps the Nova routes under <c>/v2.1</c> and <c>/v2.1/{project_id}</c>, the version documents, the image
    /// service subset under <c>/image</c>, and in <c>identity</c> mode the identity service under <c>/identity</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapComputeApi(this IEndpointRouteBuilder routes) => MapComputeRoutes(routes, identity: true);

    /// <summary>The routes; the identity service only in <c>identity</c> mode and when <paramref name="identity"/> allows it.</summary>
    private static IEndpointRouteBuilder MapComputeRoutes(IEndpointRouteBuilder routes, bool identity)
    {
        VersionEndpoints.Map(routes);
        ImageServiceEndpoints.Map(routes);
        Network.NeutronApi.Map(routes);
        Volume.VolumeServiceApi.Map(routes);
        if (identity && routes.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Mode.Equals(AuthModes.Identity, StringComparison.OrdinalIgnoreCase))
        {
            IdentityEndpoints.Map(routes);
        }

        MapResources(routes.MapGroup(ComputePaths.VersionPrefix));
        MapResources(routes.MapGroup(ComputePaths.VersionPrefix + "/{project_id:regex(^[0-9a-zA-Z_-]+$)}"));
        // Nova's /v2 is the same API at its lowest version; it stays out of the OpenAPI document.
        MapResources(routes.MapGroup(ComputePaths.LegacyPrefix).ExcludeFromDescription());
        MapResources(routes.MapGroup(ComputePaths.LegacyPrefix + "/{project_id:regex(^[0-9a-zA-Z_-]+$)}").ExcludeFromDescription());
        return routes;
    }

    /// <summary>
    /// Maps the Nova routes under <paramref name="pathPrefix"/> (empty: at the root) with the compute pipeline
    /// (request ids, faults, microversions, authentication) around each of them and nothing else: the
    /// application's other endpoints and middleware are untouched. Unknown paths under the prefix are Nova 404s.
    /// </summary>
    public static RouteGroupBuilder MapComputeApi(this IEndpointRouteBuilder routes, string pathPrefix, ComputeEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        var prefix = Mounting.MountPrefix.Normalize(pathPrefix);
        var pipeline = new Mounting.ComputeMountPipeline(routes.ServiceProvider, prefix, options);
        var group = routes.MapGroup(prefix.HasValue ? prefix.Value! : "");
        ((IEndpointConventionBuilder)group).Add(endpoint => endpoint.RequestDelegate = pipeline.Wrap(endpoint.RequestDelegate!));
        group.WithTags("compute").WithMetadata(OpenApi.ComputeEndpointMarker.Instance);
        // The product's own authentication replaces the built-in identity service: it serves no /identity routes.
        MapComputeRoutes(group, identity: options.ResolveCaller is null);
        Events.ComputeEventEndpoints.Map(group.MapGroup(ComputePaths.VersionPrefix));
        if (options.MapOpenApiDocument)
        {
            OpenApi.ComputeOpenApi.Map(routes, prefix);
        }

        // Lowest precedence: anything else under the prefix is Nova's 404, methods a path lacks included.
        group.Map("/{**unmatched}", Mounting.UnmatchedRoute.NotFound).WithOrder(int.MaxValue).ExcludeFromDescription();
        return group;
    }

    private static void MapResources(RouteGroupBuilder group)
    {
        // Nova's query schemas (2.102: unknown query parameters are a 400 on every route).
        group.AddEndpointFilter<Validation.UnknownQueryFilter>();
        ServerEndpoints.Map(group);
        ServerUpdateEndpoints.Map(group);
        ServerMetadataEndpoints.Map(group);
        ServerTagEndpoints.Map(group);
        ServerIpEndpoints.Map(group);
        ServerPasswordEndpoints.Map(group);
        ServerDiagnosticsEndpoints.Map(group);
        ServerTopologyEndpoints.Map(group);
        Servers.VolumeAttachments.ServerVolumeAttachmentEndpoints.Map(group);
        Servers.Interfaces.ServerInterfaceEndpoints.Map(group);
        Network.NovaProxies.NovaNetworkProxy.Map(group);
        Consoles.RemoteConsoleEndpoints.Map(group);
        ExternalEvents.ServerExternalEventEndpoints.Map(group);
        Servers.VolumeAttachments.AssistedVolumeSnapshotEndpoints.Map(group);
        ServerActionEndpoints.Map(group);
        InstanceActionEndpoints.Map(group);
        FlavorEndpoints.Map(group);
        FlavorExtraSpecsEndpoints.Map(group);
        Operator.OperatorApi.Map(group);
        ImageEndpoints.Map(group);
        Extensions.ExtensionEndpoints.Map(group);
        MapCreateResources(group);
    }

    /// <summary>The resources a server create refers to, and its quotas.</summary>
    private static void MapCreateResources(RouteGroupBuilder group)
    {
        Quotas.LimitsEndpoints.Map(group);
        Quotas.QuotaSetEndpoints.Map(group);
        Keypairs.KeyPairEndpoints.Map(group);
        ServerGroups.ServerGroupEndpoints.Map(group);
        Zones.AvailabilityZoneEndpoints.Map(group);
    }
}
