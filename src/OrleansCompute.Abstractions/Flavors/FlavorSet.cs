namespace OrleansCompute.Flavors;

/// <summary>
/// Every flavor at one version of the store. Readers cache a set and replace it only by a higher version, so
/// an answer that arrives late never brings back a flavor that was already deleted.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.FlavorSet")]
public sealed record FlavorSet
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required IReadOnlyList<FlavorRecord> Flavors { get; init; }
}
