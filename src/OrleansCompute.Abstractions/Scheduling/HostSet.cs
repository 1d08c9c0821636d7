using OrleansCompute.Catalog;

namespace OrleansCompute.Scheduling;

/// <summary>
/// Every registered compute host at one version of the registry. Readers cache a set and replace it only by a
/// higher version, so an answer that arrives late never brings back a host that was already removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.HostSet")]
public sealed record HostSet
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required IReadOnlyList<HostDefinition> Hosts { get; init; }
}
