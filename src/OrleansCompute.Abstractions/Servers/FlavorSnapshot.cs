using OrleansCompute.Catalog;

namespace OrleansCompute.Servers;

/// <summary>The flavor as it was when the server was built or resized (Nova embeds this copy from 2.47).</summary>
[GenerateSerializer, Immutable, Alias("compute.FlavorSnapshot")]
public sealed record FlavorSnapshot
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required int Vcpus { get; init; }
    [Id(3)] public required int RamMb { get; init; }
    [Id(4)] public required int DiskGb { get; init; }
    [Id(5)] public int EphemeralGb { get; init; }
    [Id(6)] public int SwapMb { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>();

    /// <summary>The copy a server keeps of a configured flavor (at create and at resize).</summary>
    public static FlavorSnapshot From(FlavorDefinition flavor) => new()
    {
        Id = flavor.Id,
        Name = flavor.Name,
        Vcpus = flavor.Vcpus,
        RamMb = flavor.RamMb,
        DiskGb = flavor.DiskGb,
        EphemeralGb = flavor.EphemeralGb,
        SwapMb = flavor.SwapMb,
        ExtraSpecs = flavor.ExtraSpecs,
    };
}
