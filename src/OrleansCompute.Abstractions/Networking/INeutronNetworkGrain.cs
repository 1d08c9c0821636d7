namespace OrleansCompute.Networking;

/// <summary>
/// One network, keyed by its id: the network, its subnets and every address handed out on them. It is the single
/// writer of the allocations, so no address is ever given twice, whatever silo asks.
/// </summary>
[Alias("compute.INeutronNetworkGrain")]
public interface INeutronNetworkGrain : IGrainWithStringKey
{
    /// <summary>The network, or null when none exists under this id (a configured one is made on first use).</summary>
    [Alias("Get")]
    Task<NeutronNetwork?> GetAsync();

    [Alias("Create")]
    Task<NeutronNetwork> CreateAsync(NeutronNetwork network);

    /// <summary>Takes the changeable fields of <paramref name="desired"/> (name, description, state, shared, external, mtu, port security).</summary>
    [Alias("Update")]
    Task<NeutronNetwork> UpdateAsync(NeutronNetwork desired);

    /// <summary>Deletes the network and its subnets; 409 NetworkInUse while a port other than Neutron's own holds an address or sits on it.</summary>
    [Alias("Delete")]
    Task DeleteAsync();

    [Alias("GetSubnets")]
    Task<IReadOnlyList<NeutronSubnet>> GetSubnetsAsync();

    [Alias("AddSubnet")]
    Task<NeutronSubnet> AddSubnetAsync(NeutronSubnet subnet);

    /// <summary>Takes the changeable fields (name, description, gateway, pools, DNS, routes, DHCP).</summary>
    [Alias("UpdateSubnet")]
    Task<NeutronSubnet> UpdateSubnetAsync(NeutronSubnet desired);

    [Alias("DeleteSubnet")]
    Task DeleteSubnetAsync(string subnetId);

    /// <summary>
    /// Gives a port its addresses: <paramref name="requested"/> null means Neutron's default (one per IP
    /// version), otherwise exactly these. The port's previous addresses are released in the same turn, so an
    /// update is all or nothing. Idempotent: a port asking again for what it holds keeps it.
    /// </summary>
    [Alias("Allocate")]
    Task<IReadOnlyList<FixedIp>> AllocateAsync(string portId, string deviceOwner, IReadOnlyList<FixedIpRequest>? requested);

    /// <summary>Records a port's new owner (a port that is not Neutron's own keeps the network in use).</summary>
    [Alias("TrackPort")]
    Task TrackPortAsync(string portId, string deviceOwner);

    /// <summary>Releases every address of the port and forgets it.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string portId);
}
