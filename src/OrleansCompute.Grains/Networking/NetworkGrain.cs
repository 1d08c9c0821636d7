using System.Globalization;
using System.Net;
using Orleans.Runtime;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// Hands out fixed IPs of one configured network. Allocation is idempotent per server (a retried build gets
/// the same address) and a requested fixed IP that another server holds is a 409, as Neutron answers.
/// </summary>
[GrainType("compute-network")]
internal sealed class NetworkGrain(
    [PersistentState("network", ComputeStorage.ProviderName)] IPersistentState<NetworkState> state,
    ComputeCatalog catalog) : Grain, INetworkGrain
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private NetworkDefinition _network = null!;
    private Subnet _subnet = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _network = catalog.FindNetwork(id) ?? throw new InvalidOperationException($"Network {id} is not configured.");
        _subnet = Subnet.Parse(_network.Cidr);
        foreach (var address in state.State.Allocations.Values.SelectMany(a => a))
        {
            _taken.Add(address.Address);
        }

        return Task.CompletedTask;
    }

    public Task<ServerAddress> AllocateAsync(Guid serverId, string? fixedIp) => ReserveAsync(serverId, fixedIp, portId: null);

    public async Task<ServerAddress> ReserveAsync(Guid serverId, string? fixedIp, string? portId)
    {
        if (state.State.Allocations.TryGetValue(serverId, out var existing) && existing.Count > 0)
        {
            return existing[0];
        }

        if (portId is not null)
        {
            var holder = state.State.Allocations.FirstOrDefault(a => a.Value.Any(x => string.Equals(x.PortId, portId, StringComparison.OrdinalIgnoreCase)));
            if (holder.Value is not null)
            {
                throw ComputeFaultException.Conflict($"Port {portId} is still in use.");
            }

            var port = catalog.FindPort(portId);
            fixedIp = port is { FixedIp.Length: > 0 } ? port.FixedIp : fixedIp;
        }

        var address = fixedIp is null ? NextFree() : Requested(fixedIp);
        var allocation = new ServerAddress
        {
            NetworkId = _network.Id,
            NetworkLabel = _network.Name,
            Address = address.ToString(),
            IpVersion = _subnet.IpVersion,
            MacAddress = MacAddressFor(serverId, address),
            PortId = portId ?? Guid.NewGuid().ToString(),
        };
        state.State.Allocations[serverId] = [allocation];
        _taken.Add(allocation.Address);
        await state.WriteStateAsync();
        return allocation;
    }

    public async Task ReleaseAsync(Guid serverId)
    {
        if (!state.State.Allocations.Remove(serverId, out var released))
        {
            return;
        }

        foreach (var address in released)
        {
            _taken.Remove(address.Address);
        }

        await state.WriteStateAsync();
    }

    private IPAddress Requested(string fixedIp)
    {
        if (!IPAddress.TryParse(fixedIp, out var address) || _subnet.OffsetOf(address) is not { } offset || offset == 0 || offset == _subnet.Size - 1)
        {
            throw ComputeFaultException.BadRequest($"Fixed IP address {fixedIp} is not valid on network {_network.Id}.");
        }

        if (_taken.Contains(address.ToString()))
        {
            throw ComputeFaultException.Conflict($"Fixed IP address {fixedIp} is already in use on instance.");
        }

        return address;
    }

    private IPAddress NextFree()
    {
        var usable = _subnet.Size - 2;
        var start = UInt128.Parse(state.State.NextOffset, CultureInfo.InvariantCulture);
        for (UInt128 tried = 0; tried < usable && tried < 1_000_000; tried++)
        {
            var offset = start + tried;
            if (offset >= _subnet.Size - 1)
            {
                offset = 1 + (offset - (_subnet.Size - 1));
            }

            var candidate = _subnet.AddressAt(offset);
            if (!_taken.Contains(candidate.ToString()))
            {
                state.State.NextOffset = (offset + 1).ToString(CultureInfo.InvariantCulture);
                return candidate;
            }
        }

        throw ComputeFaultException.Conflict($"No more IP addresses available on network {_network.Id}.");
    }

    private static string MacAddressFor(Guid serverId, IPAddress address)
    {
        // fa:16:3e is the prefix Neutron uses; the rest is derived so that it is stable for one allocation.
        var hash = HashCode.Combine(serverId, address.ToString());
        return string.Create(CultureInfo.InvariantCulture, $"fa:16:3e:{(byte)hash:x2}:{(byte)(hash >> 8):x2}:{(byte)(hash >> 16):x2}");
    }
}
