using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Events;

namespace OrleansCompute.Servers;

/// <summary>
/// Lifecycle events. The server the grain shows (<c>_live</c>) changes at commits and, for transient task states,
/// in memory between them (an offload straight after a shelve, the steps of a resize): every such change that
/// starts or ends an action is published at once, so the events follow the lifecycle exactly and in order. A new
/// server's first commit publishes <c>instance.create.start</c>; loading a server on activation publishes nothing.
/// </summary>
internal sealed partial class ServerGrain
{
    private ServerSnapshot? _liveSnapshot;
    private IComputeEventPublisher? _events;
    private bool _eventsResolved;
    private string? _eventRequestId;

    /// <summary>The server as reads show it; setting it publishes the events the change amounts to.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Keeps the name the rest of the grain uses for its live server.")]
    private ServerSnapshot? _live
    {
        get => _liveSnapshot;
        set
        {
            var before = _liveSnapshot;
            _liveSnapshot = value;
            if (before is not null && value is not null && !ReferenceEquals(before, value))
            {
                Publish(before, value);
            }
        }
    }

    /// <summary>Called by CommitAsync once a change is stored: publishes the creation of a new server.</summary>
    private void PublishTransition(ServerSnapshot? previous, ServerSnapshot next, string? requestId)
    {
        _eventRequestId = requestId ?? _eventRequestId;
        if (previous is null)
        {
            Publish(null, next);
        }
    }

    private void Publish(ServerSnapshot? before, ServerSnapshot after)
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

        // The publisher only queues (the silo's outbox writes the streams in the background, in order): a slow or
        // failed stream write neither holds this grain nor fails a change that is already stored.
        var requestId = state.State.Pending?.RequestId ?? _eventRequestId;
        foreach (var (eventType, priority) in InstanceEventTypes.For(before, after))
        {
            _events.Publish(new InstanceNotification
            {
                EventType = eventType,
                Priority = priority,
                PublisherId = after.Host is { Length: > 0 } host ? "nova-compute:" + host : "nova-api:orleans-compute",
                Timestamp = clock.UtcNow,
                MessageId = Guid.NewGuid(),
                Instance = after,
                RequestId = requestId,
            });
        }
    }
}
