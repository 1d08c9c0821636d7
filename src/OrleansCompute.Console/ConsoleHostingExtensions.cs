using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Endpoints;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole;

/// <summary>Adds the web console to a host that serves the compute API, and maps it at <c>/console</c>.</summary>
public static class ConsoleHostingExtensions
{
    /// <summary>Where the console is served.</summary>
    public const string PathPrefix = "/console";

    /// <summary>
    /// Registers the console's services when <c>Compute:Console:Enabled</c> (default: on in embedded mode, off in
    /// cluster mode) allows it; <see cref="MapOrleansComputeConsole"/> maps nothing otherwise.
    /// </summary>
    public static IServiceCollection AddOrleansComputeConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Read once before the container exists: whether the console is on decides what is registered at all.
        var enabled = configuration.GetSection(ConsoleOptions.SectionName).GetValue<bool?>(nameof(ConsoleOptions.Enabled));
        var embedded = !string.Equals(configuration["Compute:Mode"], "cluster", StringComparison.OrdinalIgnoreCase);
        if (!(enabled ?? embedded))
        {
            return services;
        }

        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.IdentityUrl)
                    && string.Equals(configuration["Compute:Auth:Mode"], "keystone", StringComparison.OrdinalIgnoreCase))
                {
                    // The API accepts the external Keystone's tokens only: people sign in there.
                    options.IdentityUrl = configuration["Compute:Auth:Keystone:AuthUrl"];
                }
            })
            .Validate(o => o.SessionCheckInterval > TimeSpan.Zero, "Compute:Console:SessionCheckInterval must be positive.")
            .Validate(o => o.SerialConsoleInterval > TimeSpan.Zero, "Compute:Console:SerialConsoleInterval must be positive.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.ApiAddress) || Uri.TryCreate(o.ApiAddress, UriKind.Absolute, out _),
                "Compute:Console:ApiAddress must be an absolute URL.")
            .ValidateOnStart();
        // The console's services take the validated values themselves.
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value);
        services.AddSingleton<ConsoleMarker>();
        services.AddRazorComponents();
        services.AddHttpClient(ComputeApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ApiAddress>();
        services.AddSingleton<ComputeApiClient>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<TokenConsole.TokenConsoleReader>();
        // The serial console is a websocket: the upgrade needs the websocket middleware in front of the endpoints.
        services.AddTransient<IStartupFilter, WebSocketStartupFilter>();
        return services;
    }

    /// <summary>Maps the console's pages at <c>/console</c> when it was added; <paramref name="apiPrefix"/> is where the compute API is mounted.</summary>
    public static IEndpointRouteBuilder MapOrleansComputeConsole(this IEndpointRouteBuilder routes, string apiPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.ServiceProvider.GetService<ConsoleMarker>() is null)
        {
            return routes;
        }

        routes.ServiceProvider.GetRequiredService<ApiAddress>().UsePrefix(apiPrefix);
        var group = routes.MapGroup(PathPrefix).ExcludeFromDescription();
        AssetEndpoints.Map(group);
        SignInEndpoints.Map(group);
        ServerListEndpoints.Map(group);
        ServerEndpoints.Map(group);
        ServerFormEndpoints.Map(group);
        CreateServerEndpoints.Map(group);
        SerialConsoleEndpoints.Map(group);
        TokenConsole.TokenConsoleEndpoints.Map(group);
        ResourceEndpoints.Map(group);
        AdminEndpoints.Map(group);
        return routes;
    }

    /// <summary>Present when the console's services were added.</summary>
    private sealed class ConsoleMarker;

    private sealed class WebSocketStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWebSockets();
            next(app);
        };
    }
}
