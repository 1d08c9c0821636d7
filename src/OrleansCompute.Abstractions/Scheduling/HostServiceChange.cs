namespace OrleansCompute.Scheduling;

/// <summary>An operator's change of a host's nova-compute service; a null member stays as it is.</summary>
[GenerateSerializer, Immutable, Alias("compute.HostServiceChange")]
public sealed record HostServiceChange
{
    [Id(0)] public bool? Disabled { get; init; }
    /// <summary>Kept with a disable; cleared by an enable.</summary>
    [Id(1)] public string? DisabledReason { get; init; }
    [Id(2)] public bool? ForcedDown { get; init; }
    [Id(3)] public required DateTimeOffset At { get; init; }
}
