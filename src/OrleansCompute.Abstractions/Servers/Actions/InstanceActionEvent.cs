namespace OrleansCompute.Servers.Actions;

/// <summary>One event of an instance action (Nova's <c>instance_actions_events</c> row).</summary>
[GenerateSerializer, Immutable, Alias("compute.InstanceActionEvent")]
public sealed record InstanceActionEvent
{
    [Id(0)] public required string Event { get; init; }
    [Id(1)] public required DateTimeOffset StartTime { get; init; }
    [Id(2)] public DateTimeOffset? FinishTime { get; init; }
    /// <summary><c>Success</c> or <c>Error</c>; null while the event runs.</summary>
    [Id(3)] public string? Result { get; init; }
    [Id(4)] public string? Traceback { get; init; }
    [Id(5)] public string? Host { get; init; }
    [Id(6)] public string? Details { get; init; }
}
