namespace OrleansCompute.Quotas;

/// <summary>A project's limits (its own where set, the defaults otherwise) and its usage.</summary>
[GenerateSerializer, Immutable, Alias("compute.ProjectQuota")]
public sealed record ProjectQuota
{
    [Id(0)] public required QuotaLimits Limits { get; init; }
    [Id(1)] public required QuotaLimits Defaults { get; init; }
    [Id(2)] public required QuotaUsage Usage { get; init; }
}
