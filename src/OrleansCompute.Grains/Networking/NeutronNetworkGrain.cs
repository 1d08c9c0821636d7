using Orleans.Concurrency;
using OrleansCompute.Catalog;
using OrleansCompute.Storage;
using OrleansCompute.Tallies;

namespace OrleansCompute.Networking;

/// <summary>
/// One network: the single writer of the network, its subnets and every address handed out on them, so no
/// address is given twice whatever silo asks. A network of <c>Compute:Catalog:Networks</c> is made (shared, with
/// one subnet of its CIDR) the first time its grain activates. Each change writes the state, then the index rows.
/// <para>
/// Every port boots through here, so it must not be a serial lane whose writes grow with the network (issue 19).
/// What each port holds is kept in memory (<see cref="NetworkAddressTally"/>), recounted from the ports the Neutron
/// index shows on activation; only the allocations the index does not show yet are stored
/// (<see cref="NeutronNetworkState.PortAddresses"/>), so a write stays as small as the ports in flight. Reentrant,
/// as the project and host grains: an allocation is chosen and recorded within one turn, with no await between the
/// check and the record, so no address goes to two ports; then it awaits a durable write shared with every change
/// made while the previous write was in flight (<see cref="CoalescingStateWriter{T}"/>). Everything the grain
/// changes is in <see cref="_live"/>; storage is handed a copy at each write.
/// </para>
/// </summary>
[Reentrant]
[GrainType("compute-neutron-network")]
internal sealed partial class NeutronNetworkGrain(
    [PersistentState("neutron-network", ComputeStorage.ProviderName)] IPersistentState<NeutronNetworkState> state,
    ComputeCatalog catalog,
    INeutronIndex index,
    ComputeClock clock) : Grain, INeutronNetworkGrain
{
    private NeutronNetworkState _live = new();
    private CoalescingStateWriter<NeutronNetworkState>? _writer;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State;
        // The tally must be whole before the first allocation: one against a partial count could give an address twice.
        await RecountAsync();
        if (_live.Network is null && !_live.Deleted && catalog.FindNetwork(Id) is { } configured)
        {
            await SeedAsync(configured);
        }
    }

    public Task<NeutronNetwork?> GetAsync() => Task.FromResult(_live.Network);

    public async Task<NeutronNetwork> CreateAsync(NeutronNetwork network)
    {
        if (_live.Network is { } existing)
        {
            return existing;
        }

        var now = Now;
        _live.Network = network with { Id = Id, Subnets = [], CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
        _live.Deleted = false;
        await CommitAsync();
        return _live.Network;
    }

    public async Task<NeutronNetwork> UpdateAsync(NeutronNetwork desired)
    {
        var network = Network;
        _live.Network = network with
        {
            Name = desired.Name,
            Description = desired.Description,
            AdminStateUp = desired.AdminStateUp,
            Shared = desired.Shared,
            External = desired.External,
            Mtu = desired.Mtu,
            PortSecurityEnabled = desired.PortSecurityEnabled,
            IsDefault = desired.IsDefault,
            Tags = desired.Tags,
            UpdatedAt = Now,
            RevisionNumber = network.RevisionNumber + 1,
        };
        await CommitAsync();
        return _live.Network;
    }

    public async Task DeleteAsync()
    {
        var network = Network;
        if (Tally.PortsKeepingNetworkInUse > 0)
        {
            throw NeutronFaultException.Conflict(
                "NetworkInUse", $"Unable to complete operation on network {network.Id}. There are one or more ports still in use on the network.");
        }

        var subnets = _live.Subnets.Keys.ToList();
        _live = new NeutronNetworkState { Deleted = true };
        // Neutron's own ports (DHCP and the like) go with the network.
        foreach (var portId in Tally.Ports.ToList())
        {
            Tally.Remove(portId);
        }

        await Writer.WriteAsync(undo: () => { });
        foreach (var subnet in subnets)
        {
            await index.DeleteAsync(NeutronKinds.Subnet, subnet);
        }

        await index.DeleteAsync(NeutronKinds.Network, network.Id);
    }

    public Task<IReadOnlyList<NeutronSubnet>> GetSubnetsAsync() =>
        Task.FromResult<IReadOnlyList<NeutronSubnet>>(_live.Subnets.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());

    public async Task<NeutronSubnet> AddSubnetAsync(NeutronSubnet subnet)
    {
        var network = Network;
        if (_live.Subnets.TryGetValue(subnet.Id, out var existing))
        {
            return existing;
        }

        var now = Now;
        var complete = SubnetRules.Complete(subnet with { NetworkId = network.Id }, _live.Subnets.Values) with
        {
            CreatedAt = now, UpdatedAt = now, RevisionNumber = 1,
        };
        _live.Subnets[complete.Id] = complete;
        _live.Network = network with
        {
            Subnets = [.. network.Subnets, complete.Id], UpdatedAt = now, RevisionNumber = network.RevisionNumber + 1,
        };
        await CommitAsync();
        return complete;
    }

    public async Task<NeutronSubnet> UpdateSubnetAsync(NeutronSubnet desired)
    {
        var current = Subnet(desired.Id);
        var changed = SubnetRules.Complete(
            current with
            {
                Name = desired.Name,
                Description = desired.Description,
                GatewayIp = desired.GatewayIp,
                AllocationPools = desired.AllocationPools,
                DnsNameservers = desired.DnsNameservers,
                HostRoutes = desired.HostRoutes,
                EnableDhcp = desired.EnableDhcp,
                Tags = desired.Tags,
            },
            _live.Subnets.Values) with
        {
            UpdatedAt = Now, RevisionNumber = current.RevisionNumber + 1,
        };
        _live.Subnets[changed.Id] = changed;
        // Its pools or gateway may have changed: the next allocation walks it from the start.
        Tally.ForgetCursor(changed.Id);
        await CommitAsync();
        return changed;
    }

    public async Task DeleteSubnetAsync(string subnetId)
    {
        var subnet = Subnet(subnetId);
        if (Tally.HasAllocationsOn(subnetId))
        {
            throw NeutronFaultException.Conflict(
                "SubnetInUse", $"Unable to complete operation on subnet {subnetId}: One or more ports have an IP allocation from this subnet.");
        }

        var network = Network;
        _live.Subnets.Remove(subnetId);
        _live.Network = network with
        {
            Subnets = network.Subnets.Where(s => s != subnetId).ToList(), UpdatedAt = Now, RevisionNumber = network.RevisionNumber + 1,
        };
        await CommitAsync();
        await index.DeleteAsync(NeutronKinds.Subnet, subnet.Id);
    }

    public async Task<IReadOnlyList<FixedIp>> AllocateAsync(string portId, string deviceOwner, IReadOnlyList<FixedIpRequest>? requested)
    {
        _ = Network;
        var had = Tally.TryGet(portId, out var before);
        if (requested is null && had)
        {
            // A retried create of the same port: it keeps what it was given.
            return before.Addresses;
        }

        var allocator = new AddressAllocator(Id, _live.Subnets.Values, Tally);
        var chosen = requested is null ? allocator.Automatic() : allocator.Requested(requested, had ? before.Addresses : []);
        await RecordAsync(portId, new PortAllocation(chosen, deviceOwner));
        return chosen;
    }

    public async Task TrackPortAsync(string portId, string deviceOwner)
    {
        var had = Tally.TryGet(portId, out var held);
        if (had && held.Owner == deviceOwner)
        {
            return;
        }

        await RecordAsync(portId, new PortAllocation(had ? held.Addresses : [], deviceOwner));
    }

    public async Task ReleaseAsync(string portId)
    {
        Tally.Remove(portId);
        // An allocation the index shows has nothing stored: its release is the port's index row going (the port
        // releases here first, then deletes its row), so nothing is written. A failed write keeps the release in
        // memory: the next write stores it, and the port asks again anyway.
        if (_live.PortAddresses.Remove(portId) | _live.PortOwners.Remove(portId))
        {
            await Writer.WriteAsync(undo: () => { });
        }
    }

    /// <summary>
    /// Holds an allocation in memory and stores it as unconfirmed until the port's index row shows it; a failed write
    /// takes it back, unless something changed the port's allocation since.
    /// </summary>
    private async Task RecordAsync(string portId, PortAllocation allocation)
    {
        var had = Tally.TryGet(portId, out var before);
        var storedAddresses = _live.PortAddresses.GetValueOrDefault(portId);
        var storedOwner = _live.PortOwners.GetValueOrDefault(portId);
        Tally.Set(portId, allocation);
        _live.PortAddresses[portId] = allocation.Addresses;
        _live.PortOwners[portId] = allocation.Owner;
        await ForgetConfirmedAllocationsAsync();
        await Writer.WriteAsync(undo: () =>
        {
            if (!Tally.TryGet(portId, out var now) || !ReferenceEquals(now, allocation))
            {
                return;
            }

            if (had)
            {
                Tally.Set(portId, before);
            }
            else
            {
                Tally.Remove(portId);
            }

            Restore(_live.PortAddresses, portId, storedAddresses);
            Restore(_live.PortOwners, portId, storedOwner);
        });
    }

    private static void Restore<T>(Dictionary<string, T> stored, string portId, T? before)
        where T : class
    {
        if (before is null)
        {
            stored.Remove(portId);
        }
        else
        {
            stored[portId] = before;
        }
    }

    private NeutronNetwork Network => _live.Network ?? throw NeutronFaultException.NetworkNotFound(Id);

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(clock.UtcNow.ToUnixTimeSeconds());

    private NeutronSubnet Subnet(string subnetId) =>
        _live.Subnets.GetValueOrDefault(subnetId) ?? throw NeutronFaultException.SubnetNotFound(subnetId);

    /// <summary>A configured network: shared (every project boots on it, as before), with one subnet of its CIDR and no gateway.</summary>
    private async Task SeedAsync(NetworkDefinition configured)
    {
        var now = Now;
        var cidr = OrleansCompute.Networking.Subnet.Parse(configured.Cidr);
        var subnet = SubnetRules.Complete(
            new NeutronSubnet
            {
                Id = NeutronIds.ConfiguredSubnet(Id),
                NetworkId = Id,
                ProjectId = "",
                Name = configured.Name + "-subnet",
                IpVersion = cidr.IpVersion,
                Cidr = cidr.ToString(),
                // No gateway: every usable address of a configured CIDR goes to servers, as before the network service.
                GatewayIp = null,
                EnableDhcp = false,
            },
            []) with
        {
            CreatedAt = now, UpdatedAt = now, RevisionNumber = 1,
        };
        _live.Subnets[subnet.Id] = subnet;
        _live.Network = new NeutronNetwork
        {
            Id = Id,
            ProjectId = "",
            Name = configured.Name,
            Shared = true,
            IsDefault = configured.IsDefault,
            Subnets = [subnet.Id],
            CreatedAt = now,
            UpdatedAt = now,
            RevisionNumber = 1,
        };
        await CommitAsync();
    }

    private async Task CommitAsync()
    {
        // Memory keeps the change when the write fails, as it always did here; the next write stores it.
        await Writer.WriteAsync(undo: () => { });
        var network = Network;
        await index.UpsertAsync(NeutronIndexRows.For(network));
        foreach (var subnet in _live.Subnets.Values)
        {
            await index.UpsertAsync(NeutronIndexRows.For(subnet, network));
        }
    }

    private CoalescingStateWriter<NeutronNetworkState> Writer => _writer ??= new CoalescingStateWriter<NeutronNetworkState>(state, Snapshot, DeactivateOnIdle);

    /// <summary>What storage is handed to write: a copy, so the turns that run during the write do not change it.</summary>
    private NeutronNetworkState Snapshot() => new()
    {
        Network = _live.Network,
        Subnets = new Dictionary<string, NeutronSubnet>(_live.Subnets),
        PortAddresses = new Dictionary<string, List<FixedIp>>(_live.PortAddresses),
        PortOwners = new Dictionary<string, string>(_live.PortOwners),
        Deleted = _live.Deleted,
    };
}
