namespace OrleansCompute.Catalog;

/// <summary>
/// A simulated compute host (<c>Compute:Catalog:Hosts</c>). The same type is what the host registry stores and
/// sends (<c>IHostRegistryGrain</c>), so configuration and registry never need a mapping between them.
/// </summary>
[GenerateSerializer, Alias("compute.HostDefinition")]
public sealed class HostDefinition
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string AvailabilityZone { get; set; } = "nova";
    /// <summary>The host's IP address (the <c>build_near_host_ip</c> hint matches it); optional.</summary>
    [Id(2)] public string HostIp { get; set; } = "";
    // A roomy default hypervisor, so that a fresh install (three of them) takes hundreds of small servers.
    [Id(3)] public int Vcpus { get; set; } = 64;
    [Id(4)] public int RamMb { get; set; } = 262144;
    [Id(5)] public int DiskGb { get; set; } = 4000;
    [Id(6)] public double CpuAllocationRatio { get; set; } = 4.0;
    [Id(7)] public double RamAllocationRatio { get; set; } = 1.0;
    [Id(8)] public double DiskAllocationRatio { get; set; } = 1.0;

    /// <summary>Whether <paramref name="other"/> describes the same host with the same zone, address, capacity and ratios.</summary>
    public bool SameAs(HostDefinition other) =>
        Name == other.Name && AvailabilityZone == other.AvailabilityZone && HostIp == other.HostIp && Vcpus == other.Vcpus
        && RamMb == other.RamMb && DiskGb == other.DiskGb && CpuAllocationRatio.Equals(other.CpuAllocationRatio)
        && RamAllocationRatio.Equals(other.RamAllocationRatio) && DiskAllocationRatio.Equals(other.DiskAllocationRatio);

    /// <summary>This host in another availability zone (the one a host aggregate gives it).</summary>
    public HostDefinition InZone(string zone) => new()
    {
        Name = Name, AvailabilityZone = zone, HostIp = HostIp, Vcpus = Vcpus, RamMb = RamMb, DiskGb = DiskGb,
        CpuAllocationRatio = CpuAllocationRatio, RamAllocationRatio = RamAllocationRatio, DiskAllocationRatio = DiskAllocationRatio,
    };
}
