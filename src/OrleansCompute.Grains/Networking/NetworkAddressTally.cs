using OrleansCompute.Tallies;

namespace OrleansCompute.Networking;

/// <summary>
/// Every port of one network with what it holds, in memory, and what the network's rules ask of them in O(1): is an
/// address taken, does a subnet still have allocations, does a port keep the network in use. Built on activation
/// from the ports the Neutron index shows and the network's stored unconfirmed allocations
/// (<see cref="NeutronNetworkState.PortAddresses"/>); never stored as a whole.
/// <para>
/// It also keeps, per subnet, the offset below which no address of the subnet's pools is free (a cursor), so the
/// next automatic allocation starts there instead of walking every taken address from the start of the pool: the
/// walk finds the lowest free address as before, in O(1) amortised. A release moves the cursor back to its address.
/// </para>
/// </summary>
/// <param name="offsetOf">An address's offset in its subnet (null once the subnet is gone).</param>
internal sealed class NetworkAddressTally(Func<FixedIp, UInt128?> offsetOf)
    : RecountableTally<string, PortAllocation>(StringComparer.Ordinal), IAddressBook
{
    /// <summary>Owners whose ports Neutron deletes with the network; every other port keeps it in use.</summary>
    private static readonly HashSet<string> AutoDeleteOwners = ["network:dhcp", "network:distributed", "network:floatingip_agent_gateway"];

    /// <summary>How many ports hold each address (one, unless a crash left a stale index row beside a new holder).</summary>
    private readonly Dictionary<string, int> _holders = new(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _allocationsPerSubnet = new(StringComparer.Ordinal);

    private readonly Dictionary<string, UInt128> _freeFrom = new(StringComparer.Ordinal);

    /// <summary>Ports whose owner is not Neutron's own: while any is there, the network cannot be deleted.</summary>
    public int PortsKeepingNetworkInUse { get; private set; }

    public IReadOnlyCollection<string> Ports => Keys;

    public bool IsTaken(string address) => _holders.ContainsKey(address);

    public bool HasAllocationsOn(string subnetId) => _allocationsPerSubnet.GetValueOrDefault(subnetId) > 0;

    /// <summary>Records (or replaces) what a port holds.</summary>
    public void Set(string portId, PortAllocation allocation) => Hold(portId, allocation);

    /// <summary>No address of the subnet's pools below this offset is free.</summary>
    public UInt128 FreeFrom(string subnetId) => _freeFrom.GetValueOrDefault(subnetId);

    /// <summary>An automatic allocation took the lowest free address, at this offset: nothing below it is free.</summary>
    public void TookLowestFree(string subnetId, UInt128 offset)
    {
        if (offset > FreeFrom(subnetId))
        {
            _freeFrom[subnetId] = offset;
        }
    }

    /// <summary>The subnet's pools or gateway changed: the next allocation walks it from the start again.</summary>
    public void ForgetCursor(string subnetId) => _freeFrom.Remove(subnetId);

    protected override void OnAdded(string portId, PortAllocation allocation)
    {
        foreach (var address in allocation.Addresses)
        {
            _holders[address.IpAddress] = _holders.GetValueOrDefault(address.IpAddress) + 1;
            _allocationsPerSubnet[address.SubnetId] = _allocationsPerSubnet.GetValueOrDefault(address.SubnetId) + 1;
        }

        if (!AutoDeleteOwners.Contains(allocation.Owner))
        {
            PortsKeepingNetworkInUse++;
        }
    }

    protected override void OnRemoved(string portId, PortAllocation allocation)
    {
        foreach (var address in allocation.Addresses)
        {
            Decrement(_holders, address.IpAddress);
            Decrement(_allocationsPerSubnet, address.SubnetId);
            if (offsetOf(address) is { } offset && offset < FreeFrom(address.SubnetId))
            {
                _freeFrom[address.SubnetId] = offset;
            }
        }

        if (!AutoDeleteOwners.Contains(allocation.Owner))
        {
            PortsKeepingNetworkInUse--;
        }
    }

    protected override void OnCleared()
    {
        _holders.Clear();
        _allocationsPerSubnet.Clear();
        _freeFrom.Clear();
        PortsKeepingNetworkInUse = 0;
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.GetValueOrDefault(key) <= 1)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key]--;
        }
    }
}
