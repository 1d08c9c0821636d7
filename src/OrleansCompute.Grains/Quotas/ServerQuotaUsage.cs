namespace OrleansCompute.Quotas;

/// <summary>What one server holds of its project's quota.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerQuotaUsage")]
public sealed record ServerQuotaUsage
{
    [Id(0)] public required int Vcpus { get; init; }
    [Id(1)] public required int RamMb { get; init; }

    /// <summary>When the claim was made; null for claims stored before it was recorded (the reconciler stamps them).</summary>
    [Id(2)] public DateTimeOffset? ClaimedAt { get; init; }
}
