namespace OrleansCompute.Scheduling;

/// <summary>
/// The persisted state of one host: its service settings and the claims the server index does not confirm yet,
/// by consumer id. A server the index shows settled on this host with its flavor's size needs no record here: the
/// host recounts it from the index on activation. So this state stays as small as the builds (and moves) in
/// flight, and a claim writes O(1) bytes whatever the host holds.
/// </summary>
[GenerateSerializer, Alias("compute.HostState")]
public sealed class HostState
{
    /// <summary>
    /// The unconfirmed claims. Before issue 19 this held every claim; such a state is read the same way and shrinks
    /// on activation to what the index does not confirm (the stored name is kept for that reason).
    /// </summary>
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
