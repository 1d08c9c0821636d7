using OrleansCompute.Servers;

namespace OrleansCompute.Events;

/// <summary>
/// One lifecycle event of a server, named and shaped like Nova's versioned notifications: the event type
/// (<c>instance.create.start</c>, <c>instance.power_off.end</c>, ...), its priority and publisher, and the
/// instance as it is once the change is committed (the payload's fields come from it).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.InstanceNotification")]
public sealed record InstanceNotification
{
    /// <summary>Nova's <c>event_type</c>, for example <c>instance.delete.end</c>.</summary>
    [Id(0)] public required string EventType { get; init; }

    /// <summary><c>INFO</c>, or <c>ERROR</c> for an <c>*.error</c> event.</summary>
    [Id(1)] public required string Priority { get; init; }

    /// <summary>Nova's <c>publisher_id</c>: <c>nova-compute:&lt;host&gt;</c>, or <c>nova-api:&lt;service&gt;</c> before a host is chosen.</summary>
    [Id(2)] public required string PublisherId { get; init; }

    /// <summary>When the change was committed.</summary>
    [Id(3)] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Unique per event; the SSE id.</summary>
    [Id(4)] public required Guid MessageId { get; init; }

    /// <summary>The server after the change: the payload.</summary>
    [Id(5)] public required ServerSnapshot Instance { get; init; }

    /// <summary>The request that started the action, when known.</summary>
    [Id(6)] public string? RequestId { get; init; }

    /// <summary>The server's revision after the change: increases with every event of one server.</summary>
    public long Sequence => Instance.Revision;
}
