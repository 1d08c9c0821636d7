using OrleansCompute.Catalog;

namespace OrleansCompute.Networking;

/// <summary>
/// One network: the single writer of the network, its subnets and every address handed out on them, so no
/// address is given twice whatever silo asks. A network of <c>Compute:Catalog:Networks</c> is made (shared, with
/// one subnet of its CIDR) the first time its grain activates. Each change writes the state, then the index rows.
/// </summary>
[GrainType("compute-neutron-network")]
internal sealed class NeutronNetworkGrain(
    [PersistentState("neutron-network", ComputeStorage.ProviderName)] IPersistentState<NeutronNetworkState> state,
    ComputeCatalog catalog,
    INeutronIndex index,
    ComputeClock clock) : Grain, INeutronNetworkGrain
{
    /// <summary>Owners whose ports Neutron deletes with the network; every other port keeps it in use.</summary>
    private static readonly HashSet<string> AutoDeleteOwners = ["network:dhcp", "network:distributed", "network:floatingip_agent_gateway"];

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Network is null && !state.State.Deleted && catalog.FindNetwork(Id) is { } configured)
        {
            await SeedAsync(configured);
        }
    }

    public Task<NeutronNetwork?> GetAsync() => Task.FromResult(state.State.Network);

    public async Task<NeutronNetwork> CreateAsync(NeutronNetwork network)
    {
        if (state.State.Network is { } existing)
        {
            return existing;
        }

        var now = Now;
        state.State.Network = network with { Id = Id, Subnets = [], CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
        state.State.Deleted = false;
        await CommitAsync();
        return state.State.Network;
    }

    public async Task<NeutronNetwork> UpdateAsync(NeutronNetwork desired)
    {
        var network = Network;
        state.State.Network = network with
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
        return state.State.Network;
    }

    public async Task DeleteAsync()
    {
        var network = Network;
        if (state.State.PortOwners.Values.Any(owner => !AutoDeleteOwners.Contains(owner)))
        {
            throw NeutronFaultException.Conflict(
                "NetworkInUse", $"Unable to complete operation on network {network.Id}. There are one or more ports still in use on the network.");
        }

        var subnets = state.State.Subnets.Keys.ToList();
        state.State = new NeutronNetworkState { Deleted = true };
        await state.WriteStateAsync();
        foreach (var subnet in subnets)
        {
            await index.DeleteAsync(NeutronKinds.Subnet, subnet);
        }

        await index.DeleteAsync(NeutronKinds.Network, network.Id);
    }

    public Task<IReadOnlyList<NeutronSubnet>> GetSubnetsAsync() =>
        Task.FromResult<IReadOnlyList<NeutronSubnet>>(state.State.Subnets.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());

    public async Task<NeutronSubnet> AddSubnetAsync(NeutronSubnet subnet)
    {
        var network = Network;
        if (state.State.Subnets.TryGetValue(subnet.Id, out var existing))
        {
            return existing;
        }

        var now = Now;
        var complete = SubnetRules.Complete(subnet with { NetworkId = network.Id }, state.State.Subnets.Values) with
        {
            CreatedAt = now, UpdatedAt = now, RevisionNumber = 1,
        };
        state.State.Subnets[complete.Id] = complete;
        state.State.Network = network with
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
            state.State.Subnets.Values) with
        {
            UpdatedAt = Now, RevisionNumber = current.RevisionNumber + 1,
        };
        state.State.Subnets[changed.Id] = changed;
        await CommitAsync();
        return changed;
    }

    public async Task DeleteSubnetAsync(string subnetId)
    {
        var subnet = Subnet(subnetId);
        if (state.State.PortAddresses.Values.Any(addresses => addresses.Any(a => a.SubnetId == subnetId)))
        {
            throw NeutronFaultException.Conflict(
                "SubnetInUse", $"Unable to complete operation on subnet {subnetId}: One or more ports have an IP allocation from this subnet.");
        }

        var network = Network;
        state.State.Subnets.Remove(subnetId);
        state.State.Network = network with
        {
            Subnets = network.Subnets.Where(s => s != subnetId).ToList(), UpdatedAt = Now, RevisionNumber = network.RevisionNumber + 1,
        };
        await CommitAsync();
        await index.DeleteAsync(NeutronKinds.Subnet, subnet.Id);
    }

    public async Task<IReadOnlyList<FixedIp>> AllocateAsync(string portId, string deviceOwner, IReadOnlyList<FixedIpRequest>? requested)
    {
        _ = Network;
        var held = state.State.PortAddresses.GetValueOrDefault(portId) ?? [];
        if (requested is null && state.State.PortAddresses.ContainsKey(portId))
        {
            // A retried create of the same port: it keeps what it was given.
            return held;
        }

        var taken = state.State.PortAddresses.Where(p => p.Key != portId).SelectMany(p => p.Value).Select(a => a.IpAddress).ToHashSet(StringComparer.Ordinal);
        var allocator = new AddressAllocator(Id, state.State.Subnets.Values, taken);
        var chosen = requested is null ? allocator.Automatic() : allocator.Requested(requested, held);
        state.State.PortAddresses[portId] = chosen;
        state.State.PortOwners[portId] = deviceOwner;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not keep an allocation storage never took.
            await state.ReadStateAsync();
            throw;
        }

        return chosen;
    }

    public async Task TrackPortAsync(string portId, string deviceOwner)
    {
        if (state.State.PortOwners.GetValueOrDefault(portId) == deviceOwner)
        {
            return;
        }

        state.State.PortOwners[portId] = deviceOwner;
        state.State.PortAddresses.TryAdd(portId, []);
        await state.WriteStateAsync();
    }

    public async Task ReleaseAsync(string portId)
    {
        if (state.State.PortAddresses.Remove(portId) | state.State.PortOwners.Remove(portId))
        {
            await state.WriteStateAsync();
        }
    }

    private NeutronNetwork Network => state.State.Network ?? throw NeutronFaultException.NetworkNotFound(Id);

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(clock.UtcNow.ToUnixTimeSeconds());

    private NeutronSubnet Subnet(string subnetId) =>
        state.State.Subnets.GetValueOrDefault(subnetId) ?? throw NeutronFaultException.SubnetNotFound(subnetId);

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
        state.State.Subnets[subnet.Id] = subnet;
        state.State.Network = new NeutronNetwork
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
        await state.WriteStateAsync();
        var network = Network;
        await index.UpsertAsync(NeutronIndexRows.For(network));
        foreach (var subnet in state.State.Subnets.Values)
        {
            await index.UpsertAsync(NeutronIndexRows.For(subnet, network));
        }
    }
}
