namespace OrleansCompute.Networking;

/// <summary>The persisted network: itself, its subnets, and which port holds which addresses.</summary>
[GenerateSerializer, Alias("compute.NeutronNetworkState")]
public sealed class NeutronNetworkState
{
    [Id(0)] public NeutronNetwork? Network { get; set; }
    [Id(1)] public Dictionary<string, NeutronSubnet> Subnets { get; set; } = [];
    /// <summary>Every port on the network with its addresses (possibly none).</summary>
    [Id(2)] public Dictionary<string, List<FixedIp>> PortAddresses { get; set; } = [];
    /// <summary>Each port's device owner: Neutron's own owners do not keep the network in use.</summary>
    [Id(3)] public Dictionary<string, string> PortOwners { get; set; } = [];
    /// <summary>A configured network deleted through the API: it is not made again on the next activation.</summary>
    [Id(4)] public bool Deleted { get; set; }
}
