using OrleansCompute.Events;

namespace OrleansCompute.Servers;

/// <summary>
/// Lifecycle events. The server the grain shows (<see cref="_live"/>) changes at commits and, for transient task
/// states, in memory between them (an offload straight after a shelve, the steps of a resize): every such change
/// goes through <see cref="Show"/>, which publishes the events it amounts to at once, so the events follow the
/// lifecycle exactly and in order. A new server's first commit publishes <c>instance.create.start</c>; loading a
/// server on activation publishes nothing. The publisher is the constructor's <c>events</c> (none in a silo
/// without the event services).
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The server as reads show it. Assigned only on activation; every later change goes through <see cref="Show"/>.</summary>
    private ServerSnapshot? _live;

    private string? _eventRequestId;

    /// <summary>Shows <paramref name="next"/> to reads and publishes what changed since the server shown before.</summary>
    private void Show(ServerSnapshot next)
    {
        var before = _live;
        _live = next;
        if (before is not null && !ReferenceEquals(before, next))
        {
            Publish(before, next);
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
        if (events is null)
        {
            return;
        }

        // The publisher only queues (the silo's outbox writes the streams in the background, in order): a slow or
        // failed stream write neither holds this grain nor fails a change that is already stored.
        var requestId = state.State.Pending?.RequestId ?? _eventRequestId;
        foreach (var (eventType, priority) in InstanceEventTypes.For(before, after))
        {
            events.Publish(new InstanceNotification
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
