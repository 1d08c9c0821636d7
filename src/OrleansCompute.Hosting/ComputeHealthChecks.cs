using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansCompute.Hosting;

/// <summary>
/// The probes an orchestrator uses: <c>/healthz/live</c> answers 200 while the process serves HTTP (restart it
/// when it does not); <c>/healthz/ready</c> is 200 only while the local silo is Active in the cluster and the
/// database answers (send it traffic only then). Both are outside the Nova API: no token, no microversion.
/// </summary>
public static class ComputeHealthChecks
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    private const string ReadyTag = "ready";

    internal static void Add(IServiceCollection services, Func<IServiceProvider, DbDataSource> database)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("silo", sp => ActivatorUtilities.CreateInstance<SiloHealthCheck>(sp), HealthStatus.Unhealthy, [ReadyTag]))
            .Add(new HealthCheckRegistration("database", sp => new DatabaseHealthCheck(database(sp)), HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5)));
    }

    /// <summary>A front (Orleans client, no silo): ready while connected to a gateway and the database answers.</summary>
    internal static void AddFront(IServiceCollection services, Func<IServiceProvider, DbDataSource> database)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("cluster", sp => ActivatorUtilities.CreateInstance<GatewayHealthCheck>(sp), HealthStatus.Unhealthy, [ReadyTag]))
            .Add(new HealthCheckRegistration("database", sp => new DatabaseHealthCheck(database(sp)), HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5)));
    }

    /// <summary>Maps both probe endpoints.</summary>
    public static IEndpointRouteBuilder MapComputeHealthChecks(this IEndpointRouteBuilder routes)
    {
        // No check at all: answering is the proof of life. A sick database must not make the orchestrator restart
        // every silo at once.
        routes.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return routes;
    }
}
