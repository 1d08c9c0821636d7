namespace OrleansCompute.Servers.Actions;

/// <summary>One entry of a server's action log (<c>/servers/{id}/os-instance-actions</c>).</summary>
[GenerateSerializer, Immutable, Alias("compute.InstanceActionRecord")]
public sealed record InstanceActionRecord
{
    /// <summary>Nova's action name: <c>create</c>, <c>delete</c>, <c>stop</c>, <c>live-migration</c>, ...</summary>
    [Id(0)] public required string Action { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    [Id(2)] public string? UserId { get; init; }
    [Id(3)] public string? ProjectId { get; init; }
    [Id(4)] public required DateTimeOffset StartTime { get; init; }
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Null, or <c>Error</c> once an event of the action failed.</summary>
    [Id(6)] public string? Message { get; init; }
    [Id(7)] public IReadOnlyList<InstanceActionEvent> Events { get; init; } = [];
}
