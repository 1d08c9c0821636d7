namespace OrleansCompute.Scheduling;

/// <summary>The registry after a registration, and the hosts that registration made known (they were not registered).</summary>
[GenerateSerializer, Immutable, Alias("compute.HostRegistration")]
public sealed record HostRegistration
{
    [Id(0)] public required HostSet Set { get; init; }
    [Id(1)] public required IReadOnlyList<string> Added { get; init; }
}
