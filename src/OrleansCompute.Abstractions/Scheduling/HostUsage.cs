namespace OrleansCompute.Scheduling;

/// <summary>One host's capacity (after allocation ratios) and what its claims use: what the scheduler filters on.</summary>
[GenerateSerializer, Immutable, Alias("compute.HostUsage")]
public sealed record HostUsage
{
    [Id(0)] public required string Host { get; init; }
    [Id(1)] public required string Node { get; init; }
    [Id(2)] public required string AvailabilityZone { get; init; }
    [Id(3)] public string HostIp { get; init; } = "";
    [Id(4)] public required int TotalVcpus { get; init; }
    [Id(5)] public required int TotalRamMb { get; init; }
    [Id(6)] public required int TotalDiskGb { get; init; }
    [Id(7)] public int UsedVcpus { get; init; }
    [Id(8)] public int UsedRamMb { get; init; }
    [Id(9)] public int UsedDiskGb { get; init; }
    [Id(10)] public int Consumers { get; init; }
    [Id(11)] public double CpuAllocationRatio { get; init; } = 1;
    [Id(12)] public double RamAllocationRatio { get; init; } = 1;
    [Id(13)] public double DiskAllocationRatio { get; init; } = 1;

    /// <summary>The host's nova-compute service: disabled by an operator (no new servers are placed here).</summary>
    [Id(14)] public bool Disabled { get; init; }
    [Id(15)] public string? DisabledReason { get; init; }

    /// <summary>Marked down by an operator (2.11 forced_down): the service is down, and no new servers come here.</summary>
    [Id(16)] public bool ForcedDown { get; init; }

    /// <summary>The service record was deleted: the host takes no servers and is not listed.</summary>
    [Id(17)] public bool ServiceDeleted { get; init; }

    /// <summary>When an operator last changed the service; null: never.</summary>
    [Id(18)] public DateTimeOffset? ServiceUpdatedAt { get; init; }

    /// <summary>The servers placed here (claims of one server for a resize to the same host count once).</summary>
    [Id(19)] public int Servers { get; init; }

    /// <summary>Whether the scheduler may place new servers here (Nova's ComputeFilter).</summary>
    public bool AcceptsServers => !Disabled && !ForcedDown && !ServiceDeleted;

    public int UsableVcpus => (int)(TotalVcpus * CpuAllocationRatio);
    public int UsableRamMb => (int)(TotalRamMb * RamAllocationRatio);
    public int UsableDiskGb => (int)(TotalDiskGb * DiskAllocationRatio);
    public int FreeVcpus => UsableVcpus - UsedVcpus;
    public int FreeRamMb => UsableRamMb - UsedRamMb;
    public int FreeDiskGb => UsableDiskGb - UsedDiskGb;

    public bool Fits(int vcpus, int ramMb, int diskGb) => vcpus <= FreeVcpus && ramMb <= FreeRamMb && diskGb <= FreeDiskGb;

    /// <summary>This usage with one more consumer of the given size (the scheduler's view inside one batch).</summary>
    public HostUsage Plus(int vcpus, int ramMb, int diskGb) => this with
    {
        UsedVcpus = UsedVcpus + vcpus, UsedRamMb = UsedRamMb + ramMb, UsedDiskGb = UsedDiskGb + diskGb, Consumers = Consumers + 1,
    };
}
