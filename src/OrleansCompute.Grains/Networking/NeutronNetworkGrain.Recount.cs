using OrleansCompute.Tallies;

namespace OrleansCompute.Networking;

/// <summary>
/// The recount of a network's allocations: the ports the Neutron index shows on the network, overlaid with the
/// allocations stored as not yet shown there. A stored allocation the index shows as it is stored is forgotten (the
/// index holds it now), so the stored state stays as small as the ports in flight. Allocations of floating IPs have no
/// port row and stay stored.
/// </summary>
internal sealed partial class NeutronNetworkGrain
{
    /// <summary>Ids per index query when looking for confirmed allocations (each id is one SQL parameter).</summary>
    private const int IdsPerQuery = 500;

    private readonly StoredClaimsUpkeep _upkeep = new();
    private NetworkAddressTally? _addresses;
    private bool _forgetting;

    private NetworkAddressTally Tally => _addresses ??= new NetworkAddressTally(OffsetInSubnet);

    /// <summary>On activation, before any call is served: the tally from the index and the stored allocations.</summary>
    private async Task RecountAsync()
    {
        Tally.StartRecount();
        Dictionary<string, NeutronPort> shown;
        try
        {
            shown = PortsOn(await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ParentId = Id }));
        }
        catch
        {
            Tally.AbandonRecount();
            throw;
        }

        var stored = StoredAllocations();
        var confirmed = stored
            .Where(s => !Tally.ChangedDuringRecount(s.Key) && shown.TryGetValue(s.Key, out var port) && s.Value.IsShownBy(port))
            .Select(s => s.Key)
            .ToList();
        Forget(confirmed);
        Tally.EndRecount(shown
            .Select(p => KeyValuePair.Create(p.Key, new PortAllocation([.. p.Value.FixedIps], p.Value.DeviceOwner)))
            .Concat(stored.Where(s => !confirmed.Contains(s.Key))));
        _upkeep.Looked(_live.PortAddresses.Count);
        if (confirmed.Count > 0)
        {
            // Memory already holds the tally; when this write fails the next one stores the shorter list.
            await Writer.WriteAsync(undo: () => { });
        }
    }

    /// <summary>
    /// Before an allocation's write, once the stored allocations have doubled since the last look: those the index
    /// now shows as they are held are forgotten, and the write that follows stores the shorter list. One index query
    /// per 500 stored allocations, amortised to a fraction of one per allocation.
    /// </summary>
    private async Task ForgetConfirmedAllocationsAsync()
    {
        if (_forgetting || !_upkeep.ForgetDue(_live.PortAddresses.Count))
        {
            return;
        }

        _forgetting = true;
        try
        {
            var held = _live.PortAddresses.Keys
                .Select(portId => (PortId: portId, Held: Tally.TryGet(portId, out var allocation) ? allocation : null))
                .Where(h => h.Held is not null)
                .ToList();
            var shown = new Dictionary<string, NeutronPort>(StringComparer.Ordinal);
            foreach (var chunk in held.Chunk(IdsPerQuery))
            {
                var rows = await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, Ids = chunk.Select(h => h.PortId).ToList() });
                foreach (var (portId, port) in PortsOn(rows))
                {
                    shown[portId] = port;
                }
            }

            // Only the allocation that was read: one made, changed or released during the reads stays as it is.
            Forget(held
                .Where(h => shown.TryGetValue(h.PortId, out var port) && h.Held!.IsShownBy(port)
                    && Tally.TryGet(h.PortId, out var now) && ReferenceEquals(now, h.Held))
                .Select(h => h.PortId)
                .ToList());
            _upkeep.Looked(_live.PortAddresses.Count);
        }
        finally
        {
            _forgetting = false;
        }
    }

    private void Forget(IEnumerable<string> portIds)
    {
        foreach (var portId in portIds)
        {
            _live.PortAddresses.Remove(portId);
            _live.PortOwners.Remove(portId);
        }
    }

    /// <summary>The stored allocations (ports the index may not show yet, and floating IPs), as the tally holds them.</summary>
    private List<KeyValuePair<string, PortAllocation>> StoredAllocations() =>
        _live.PortAddresses.Keys.Union(_live.PortOwners.Keys, StringComparer.Ordinal)
            .Select(portId => KeyValuePair.Create(
                portId,
                new PortAllocation(_live.PortAddresses.GetValueOrDefault(portId) ?? [], _live.PortOwners.GetValueOrDefault(portId) ?? "")))
            .ToList();

    /// <summary>The index's port rows that are on this network, by id.</summary>
    private Dictionary<string, NeutronPort> PortsOn(IEnumerable<NeutronIndexRow> rows) =>
        rows.Select(row => NeutronJson.Read<NeutronPort>(row.Body))
            .Where(port => string.Equals(port.NetworkId, Id, StringComparison.Ordinal))
            .ToDictionary(port => port.Id, StringComparer.Ordinal);

    private UInt128? OffsetInSubnet(FixedIp address) =>
        _live.Subnets.GetValueOrDefault(address.SubnetId) is { } subnet && System.Net.IPAddress.TryParse(address.IpAddress, out var parsed)
            ? OrleansCompute.Networking.Subnet.Parse(subnet.Cidr).OffsetOf(parsed)
            : null;
}
