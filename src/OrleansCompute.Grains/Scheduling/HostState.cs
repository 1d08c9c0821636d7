namespace OrleansCompute.Scheduling;

/// <summary>The persisted claims on one host, by consumer id.</summary>
[GenerateSerializer, Alias("compute.HostState")]
public sealed class HostState
{
    [Id(0)] public Dictionary<string, HostClaim> Claims { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The operator's settings of the host's nova-compute service (os-services).</summary>
    [Id(1)] public bool Disabled { get; set; }
    [Id(2)] public string? DisabledReason { get; set; }
    [Id(3)] public bool ForcedDown { get; set; }
    [Id(4)] public bool ServiceDeleted { get; set; }
    [Id(5)] public DateTimeOffset? ServiceUpdatedAt { get; set; }

    /// <summary>The zone from host aggregates (Nova: the aggregate's availability_zone metadata); null: configured.</summary>
    [Id(6)] public string? AggregateZone { get; set; }
}
