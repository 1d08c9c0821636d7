namespace OrleansCompute.Quotas;

/// <summary>What a project uses of its counted quotas.</summary>
[GenerateSerializer, Immutable, Alias("compute.QuotaUsage")]
public sealed record QuotaUsage
{
    [Id(0)] public int Instances { get; init; }
    [Id(1)] public int Cores { get; init; }
    [Id(2)] public int Ram { get; init; }
    [Id(3)] public int ServerGroups { get; init; }
}
