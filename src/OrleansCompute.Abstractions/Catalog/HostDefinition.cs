namespace OrleansCompute.Catalog;

/// <summary>A simulated compute host (<c>Compute:Catalog:Hosts</c>).</summary>
public sealed class HostDefinition
{
    public string Name { get; set; } = "";
    public string AvailabilityZone { get; set; } = "nova";
    /// <summary>The host's IP address (the <c>build_near_host_ip</c> hint matches it); optional.</summary>
    public string HostIp { get; set; } = "";
    // A roomy default hypervisor, so that a fresh install (three of them) takes hundreds of small servers.
    public int Vcpus { get; set; } = 64;
    public int RamMb { get; set; } = 262144;
    public int DiskGb { get; set; } = 4000;
    public double CpuAllocationRatio { get; set; } = 4.0;
    public double RamAllocationRatio { get; set; } = 1.0;
    public double DiskAllocationRatio { get; set; } = 1.0;

    /// <summary>This host in another availability zone (the one a host aggregate gives it).</summary>
    public HostDefinition InZone(string zone) => new()
    {
        Name = Name, AvailabilityZone = zone, HostIp = HostIp, Vcpus = Vcpus, RamMb = RamMb, DiskGb = DiskGb,
        CpuAllocationRatio = CpuAllocationRatio, RamAllocationRatio = RamAllocationRatio, DiskAllocationRatio = DiskAllocationRatio,
    };
}
