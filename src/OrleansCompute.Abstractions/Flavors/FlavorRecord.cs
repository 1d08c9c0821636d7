namespace OrleansCompute.Flavors;

/// <summary>
/// One flavor as the flavor store keeps it: Nova's flavor row with its extra specs and, for a private flavor,
/// the projects granted access (Nova's flavor_projects).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.FlavorRecord")]
public sealed record FlavorRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required int Vcpus { get; init; }
    [Id(3)] public required int RamMb { get; init; }
    [Id(4)] public required int DiskGb { get; init; }
    [Id(5)] public int EphemeralGb { get; init; }
    [Id(6)] public int SwapMb { get; init; }
    [Id(7)] public float RxtxFactor { get; init; } = 1.0f;
    [Id(8)] public bool IsPublic { get; init; } = true;
    [Id(9)] public string? Description { get; init; }
    [Id(10)] public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>();
    [Id(11)] public IReadOnlyList<string> Projects { get; init; } = [];
}
