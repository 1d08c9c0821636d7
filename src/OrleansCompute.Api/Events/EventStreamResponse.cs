using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCompute.Api.Faults;
using OrleansCompute.Events;

namespace OrleansCompute.Api.Events;

/// <summary>Writes the cluster's lifecycle events that pass a filter as a <c>text/event-stream</c> response.</summary>
internal static class EventStreamResponse
{
    public static async Task WriteAsync(HttpContext context, Func<InstanceNotification, bool> visible, bool includeHost)
    {
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
                if (!visible(notification) || (serverId is { } only && notification.Instance.Id != only))
                {
                    continue;
                }

                var frame = new StringBuilder()
                    .Append("event: ").Append(notification.EventType).Append('\n')
                    .Append("id: ").Append(notification.MessageId.ToString()).Append('\n')
                    .Append("data: ").Append(InstanceNotificationJson.Serialize(notification, includeHost)).Append("\n\n")
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
