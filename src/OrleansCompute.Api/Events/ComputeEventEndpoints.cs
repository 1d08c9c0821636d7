using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Faults;
using OrleansCompute.Events;

namespace OrleansCompute.Api.Events;

/// <summary>
/// <c>GET /v2.1/os-events</c> (admin only): the lifecycle events as server-sent events, one per change, each with
/// <c>event:</c> the Nova event type, <c>id:</c> the message id and <c>data:</c> the notification JSON.
/// <c>?server_id=</c> narrows it to one server. Not a Nova route: Nova sends these to a message bus.
/// </summary>
internal static class ComputeEventEndpoints
{
    public const string Path = "/os-events";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, StreamAsync)
            .WithSummary("Lifecycle events as server-sent events (admin only; not a Nova route).");

    private static async Task StreamAsync(HttpContext context)
    {
        var caller = context.Caller();
        if (!caller.IsAdmin)
        {
            await FaultWriter.WriteAsync(context, 403, "Policy doesn't allow compute:events:stream to be performed.");
            return;
        }

        var events = context.RequestServices.GetService<IComputeEvents>();
        if (events is null)
        {
            await FaultWriter.WriteAsync(context, 501, "Events are delivered by the silos; this process is not one.");
            return;
        }

        Guid? serverId = null;
        if (context.Request.Query["server_id"] is { Count: > 0 } ids)
        {
            if (!Guid.TryParse(ids[0], out var parsed))
            {
                await FaultWriter.WriteAsync(context, 400, "Invalid server_id.");
                return;
            }

            serverId = parsed;
        }

        // The stream ends when the client goes or the application stops: an open stream must not hold a shutdown
        // until the host's shutdown timeout.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var subscription = events.Subscribe();
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        try
        {
            // A comment line first, so that the client sees the stream open before the first event.
            await response.WriteAsync(": subscribed\n\n", ended.Token);
            await response.Body.FlushAsync(ended.Token);
            await foreach (var notification in subscription.ReadAllAsync(ended.Token))
            {
                if (serverId is { } only && notification.Instance.Id != only)
                {
                    continue;
                }

                var frame = new StringBuilder()
                    .Append("event: ").Append(notification.EventType).Append('\n')
                    .Append("id: ").Append(notification.MessageId.ToString()).Append('\n')
                    .Append("data: ").Append(InstanceNotificationJson.Serialize(notification)).Append("\n\n")
                    .ToString();
                await response.WriteAsync(frame, ended.Token);
                await response.Body.FlushAsync(ended.Token);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
    }
}
