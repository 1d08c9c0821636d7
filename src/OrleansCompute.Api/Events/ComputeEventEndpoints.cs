using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Faults;
using OrleansCompute.Events;

namespace OrleansCompute.Api.Events;

/// <summary>
/// The lifecycle events as server-sent events, one per change, each with <c>event:</c> the Nova event type,
/// <c>id:</c> the message id and <c>data:</c> the notification JSON. Not Nova routes: Nova sends these to a message bus.
/// <list type="bullet">
/// <item><c>GET /v2.1/os-events</c> (admin only): every project's servers.</item>
/// <item><c>GET /v2.1/os-events/project</c> (any caller with a project): the caller's project's servers only, so that
/// a member's dashboard can follow its servers live; host and node are left out, as the server views leave them out
/// for a non-admin.</item>
/// </list>
/// <c>?server_id=</c> narrows either to one server.
/// </summary>
internal static class ComputeEventEndpoints
{
    public const string Path = "/os-events";

    public const string ProjectPath = "/os-events/project";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, StreamAllAsync)
            .WithSummary("Lifecycle events as server-sent events (admin only; not a Nova route).");
        routes.MapGet(ProjectPath, StreamProjectAsync)
            .WithSummary("Lifecycle events of the caller's project's servers as server-sent events (not a Nova route).");
    }

    private static async Task StreamAllAsync(HttpContext context)
    {
        var caller = context.Caller();
        if (!caller.IsAdmin)
        {
            await FaultWriter.WriteAsync(context, 403, "Policy doesn't allow compute:events:stream to be performed.");
            return;
        }

        await EventStreamResponse.WriteAsync(context, static _ => true, includeHost: true);
    }

    private static Task StreamProjectAsync(HttpContext context)
    {
        // Whoever the token names sees its own project's servers: the same rule as a server list without all_tenants.
        var project = context.Caller().ProjectId;
        return EventStreamResponse.WriteAsync(
            context, n => string.Equals(n.Instance.ProjectId, project, StringComparison.Ordinal), includeHost: false);
    }
}
