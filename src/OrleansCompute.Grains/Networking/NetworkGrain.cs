using Orleans.Concurrency;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// Hands out fixed IPs of one configured network through its address blocks. A requested fixed IP (or a
/// port's) goes to the block that holds it; any other address comes from the first block along the server's
/// probe sequence that has never been full, so a retried allocation finds the address it was given.
/// Stateless: one activation per silo can serve every caller.
/// </summary>
[GrainType("compute-network")]
[StatelessWorker]
internal sealed class NetworkGrain(ComputeCatalog catalog) : Grain, INetworkGrain
{
    private NetworkDefinition _network = null!;
    private AddressBlocks _blocks = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _network = catalog.FindNetwork(id) ?? throw new InvalidOperationException($"Network {id} is not configured.");
        _blocks = new AddressBlocks(Subnet.Parse(_network.Cidr));
        return Task.CompletedTask;
    }

    public Task<ServerAddress> AllocateAsync(Guid serverId, string? fixedIp) => ReserveAsync(serverId, fixedIp, portId: null);

    public async Task<ServerAddress> ReserveAsync(Guid serverId, string? fixedIp, string? portId)
    {
        fixedIp = PortFixedIp(portId) ?? fixedIp;
        if (fixedIp is not null)
        {
            var offset = _blocks.OffsetOf(fixedIp)
                ?? throw ComputeFaultException.BadRequest($"Fixed IP address {fixedIp} is not valid on network {_network.Id}.");
            return await Block(AddressBlocks.BlockOf(offset)).AllocateFixedAsync(serverId, fixedIp, portId);
        }

        UInt128? roomy = null;
        foreach (var block in _blocks.ProbeSequence(portId ?? serverId.ToString()))
        {
            var probe = await Block(block).ProbeAsync(serverId, portId, force: false);
            if (probe.Address is { } address)
            {
                return address;
            }

            roomy ??= probe.HasRoom ? block : null;
        }

        // Every block along the sequence has been full at some time: take the first with room now.
        if (roomy is { } candidate && (await Block(candidate).ProbeAsync(serverId, portId, force: true)).Address is { } late)
        {
            return late;
        }

        throw ComputeFaultException.Conflict($"No more IP addresses available on network {_network.Id}.");
    }

    public async Task ReleaseAsync(Guid serverId, string? address, string? portId)
    {
        address = PortFixedIp(portId) ?? address;
        if (address is not null && _blocks.OffsetOf(address) is { } offset)
        {
            await Block(AddressBlocks.BlockOf(offset)).ReleaseAsync(serverId);
            return;
        }

        foreach (var block in _blocks.ProbeSequence(portId ?? serverId.ToString()))
        {
            var probe = await Block(block).ReleaseAsync(serverId);
            if (probe.Address is not null || !probe.EverFull)
            {
                return;
            }
        }
    }

    private string? PortFixedIp(string? portId) =>
        portId is not null && catalog.FindPort(portId) is { FixedIp.Length: > 0 } port ? port.FixedIp : null;

    private INetworkBlockGrain Block(UInt128 block) => GrainFactory.GetGrain<INetworkBlockGrain>(AddressBlocks.GrainKey(_network.Id, block));
}
