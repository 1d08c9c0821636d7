namespace OrleansCompute.Flavors;

/// <summary>The persisted flavors; <see cref="Seeded"/> records that configuration filled the store once.</summary>
[GenerateSerializer, Alias("compute.FlavorStoreState")]
public sealed class FlavorStoreState
{
    [Id(0)] public bool Seeded { get; set; }
    [Id(1)] public long Version { get; set; }
    [Id(2)] public List<FlavorRecord> Flavors { get; set; } = [];
}
