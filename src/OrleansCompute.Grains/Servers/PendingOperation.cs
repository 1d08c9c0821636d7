using OrleansCompute.Driver;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// A driver operation that was started and not yet finished. It is stored with the server so that a grain
/// activated after a crash finishes what was in flight instead of leaving a transitional state for ever.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.PendingOperation")]
public sealed record PendingOperation
{
    [Id(0)] public required DriverOperation Operation { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    [Id(2)] public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The lifecycle action in flight; null for a build (and for deletes stored before actions existed).</summary>
    [Id(3)] public ServerActionKind? Action { get; init; }

    /// <summary>The action's command without secrets, so that a resumed action does what was asked.</summary>
    [Id(4)] public ServerActionCommand? Command { get; init; }
}
