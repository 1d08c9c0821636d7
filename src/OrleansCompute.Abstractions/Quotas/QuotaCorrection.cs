namespace OrleansCompute.Quotas;

/// <summary>What one reconciliation took back from a project: claims of servers that do not exist or do not count.</summary>
[GenerateSerializer, Immutable, Alias("compute.QuotaCorrection")]
public sealed record QuotaCorrection
{
    [Id(0)] public required IReadOnlyList<Guid> Released { get; init; }
    [Id(1)] public int Instances { get; init; }
    [Id(2)] public long Cores { get; init; }
    [Id(3)] public long Ram { get; init; }
}
