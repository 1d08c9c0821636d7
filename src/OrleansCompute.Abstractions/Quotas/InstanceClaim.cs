namespace OrleansCompute.Quotas;

/// <summary>
/// A create's quota request: up to <see cref="ServerIds"/>.Count servers of one flavor, at least
/// <see cref="MinCount"/>, plus the per-request limits checked against the same project limits
/// (metadata items and personality files). Claims are keyed by server id, so repeating one is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.InstanceClaim")]
public sealed record InstanceClaim
{
    [Id(0)] public required IReadOnlyList<Guid> ServerIds { get; init; }
    [Id(1)] public int MinCount { get; init; } = 1;
    [Id(2)] public required int Vcpus { get; init; }
    [Id(3)] public required int RamMb { get; init; }
    [Id(4)] public int MetadataItems { get; init; }
    [Id(5)] public int InjectedFiles { get; init; }
    [Id(6)] public int LongestInjectedFilePath { get; init; }
    [Id(7)] public int LargestInjectedFileContent { get; init; }
}
