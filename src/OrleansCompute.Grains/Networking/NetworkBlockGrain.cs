using System.Globalization;
using System.Net;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// The allocations of one block of at most 256 addresses. Its state stays small whatever the network's size,
/// so each allocation writes a few kilobytes, not the whole network.
/// </summary>
[GrainType("compute-network-block")]
internal sealed class NetworkBlockGrain(
    [PersistentState("network-block", ComputeStorage.ProviderName)] IPersistentState<NetworkBlockState> state,
    ComputeCatalog catalog) : Grain, INetworkBlockGrain
{
    private NetworkDefinition _network = null!;
    private AddressBlocks _blocks = null!;
    private UInt128 _block;
    private int _capacity;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        _network = catalog.FindNetwork(key[..slash]) ?? throw new InvalidOperationException($"Network {key[..slash]} is not configured.");
        _blocks = new AddressBlocks(Subnet.Parse(_network.Cidr));
        _block = UInt128.Parse(key[(slash + 1)..], CultureInfo.InvariantCulture);
        _capacity = _blocks.OffsetsOf(_block).Count();
        return Task.CompletedTask;
    }

    public async Task<BlockProbe> ProbeAsync(Guid serverId, string? portId, bool force)
    {
        if (state.State.Allocations.TryGetValue(serverId, out var held))
        {
            return Answer(held);
        }

        if (portId is not null && state.State.Allocations.Values.Any(a => string.Equals(a.PortId, portId, StringComparison.OrdinalIgnoreCase)))
        {
            throw ComputeFaultException.Conflict($"Port {portId} is still in use.");
        }

        if ((state.State.EverFull && !force) || !HasRoom)
        {
            return Answer(null);
        }

        var taken = state.State.Allocations.Values.Select(a => a.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var offset = _blocks.OffsetsOf(_block).First(o => !taken.Contains(_blocks.Subnet.AddressAt(o).ToString()));
        return Answer(await AllocateAsync(serverId, _blocks.Subnet.AddressAt(offset), portId));
    }

    public async Task<ServerAddress> AllocateFixedAsync(Guid serverId, string address, string? portId)
    {
        if (state.State.Allocations.TryGetValue(serverId, out var held))
        {
            return held;
        }

        var parsed = IPAddress.Parse(address);
        if (state.State.Allocations.Values.Any(a => IPAddress.Parse(a.Address).Equals(parsed)))
        {
            throw portId is null
                ? ComputeFaultException.Conflict($"Fixed IP address {address} is already in use on instance.")
                : ComputeFaultException.Conflict($"Port {portId} is still in use.");
        }

        return await AllocateAsync(serverId, parsed, portId);
    }

    public async Task<BlockProbe> ReleaseAsync(Guid serverId)
    {
        if (!state.State.Allocations.Remove(serverId, out var released))
        {
            return Answer(null);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not forget an allocation storage still holds: a retried release would find nothing to write.
            state.State.Allocations[serverId] = released;
            throw;
        }

        return Answer(released);
    }

    private bool HasRoom => state.State.Allocations.Count < _capacity;

    private BlockProbe Answer(ServerAddress? address) => new(address, state.State.EverFull, HasRoom);

    private async Task<ServerAddress> AllocateAsync(Guid serverId, IPAddress address, string? portId)
    {
        var allocation = new ServerAddress
        {
            NetworkId = _network.Id,
            NetworkLabel = _network.Name,
            Address = address.ToString(),
            IpVersion = _blocks.Subnet.IpVersion,
            MacAddress = MacAddressFor(serverId),
            PortId = portId ?? Guid.NewGuid().ToString(),
        };
        state.State.Allocations[serverId] = allocation;
        state.State.EverFull |= !HasRoom;
        await state.WriteStateAsync();
        return allocation;
    }

    /// <summary>fa:16:3e is the prefix Neutron uses; the rest comes from the server id, so it is stable.</summary>
    private static string MacAddressFor(Guid serverId)
    {
        var bytes = serverId.ToByteArray();
        return string.Create(CultureInfo.InvariantCulture, $"fa:16:3e:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}");
    }
}
