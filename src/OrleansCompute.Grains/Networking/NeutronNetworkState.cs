namespace OrleansCompute.Networking;

/// <summary>
/// The persisted network: itself, its subnets, and the allocations the Neutron index does not show yet. A port's
/// index row is the lasting record of what it holds; the network recounts from the index on activation.
/// </summary>
[GenerateSerializer, Alias("compute.NeutronNetworkState")]
public sealed class NeutronNetworkState
{
    [Id(0)] public NeutronNetwork? Network { get; set; }
    [Id(1)] public Dictionary<string, NeutronSubnet> Subnets { get; set; } = [];
    /// <summary>
    /// The ports whose allocation the index does not show yet (or never will: floating IPs) with their addresses
    /// (possibly none). Before 2026-12 every port was here; such a state is recounted and shortened on activation.
    /// </summary>
    [Id(2)] public Dictionary<string, List<FixedIp>> PortAddresses { get; set; } = [];
    /// <summary>The device owner of each port in <see cref="PortAddresses"/>: Neutron's own owners do not keep the network in use.</summary>
    [Id(3)] public Dictionary<string, string> PortOwners { get; set; } = [];
    /// <summary>A configured network deleted through the API: it is not made again on the next activation.</summary>
    [Id(4)] public bool Deleted { get; set; }
}
