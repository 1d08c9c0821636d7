using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Events;

namespace OrleansCompute.Servers;

/// <summary>Lifecycle events: after each commit, the Nova notifications the change amounts to.</summary>
internal sealed partial class ServerGrain
{
    private IComputeEventPublisher? _events;
    private bool _eventsResolved;

    /// <summary>Called under the commit gate once a change is stored, so one server's events leave in commit order.</summary>
    private void PublishTransition(ServerSnapshot? previous, ServerSnapshot next, string? requestId)
    {
        if (!_eventsResolved)
        {
            _events = ServiceProvider.GetService<IComputeEventPublisher>();
            _eventsResolved = true;
        }

        if (_events is null)
        {
            return;
        }

        foreach (var (eventType, priority) in InstanceEventTypes.For(previous, next))
        {
            _events.Publish(new InstanceNotification
            {
                EventType = eventType,
                Priority = priority,
                PublisherId = next.Host is { Length: > 0 } host ? "nova-compute:" + host : "nova-api:orleans-compute",
                Timestamp = next.UpdatedAt,
                MessageId = Guid.NewGuid(),
                Instance = next,
                RequestId = requestId,
            });
        }
    }
}
