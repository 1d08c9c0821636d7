namespace OrleansCompute.Servers;

/// <summary>A resize or cold migration waiting for confirm or revert: where it came from, to go back.</summary>
[GenerateSerializer, Alias("compute.ResizeContext")]
public sealed class ResizeContext
{
    [Id(0)] public required FlavorSnapshot OldFlavor { get; init; }
    [Id(1)] public required FlavorSnapshot NewFlavor { get; init; }
    [Id(2)] public string? SourceHost { get; init; }
    [Id(3)] public string? DestinationHost { get; init; }
    [Id(4)] public required string PreviousVmState { get; init; }
    [Id(5)] public int PreviousPowerState { get; init; }
}
