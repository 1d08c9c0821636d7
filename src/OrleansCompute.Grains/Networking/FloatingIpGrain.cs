namespace OrleansCompute.Networking;

/// <summary>
/// One floating IP: its address is held on the external network's grain (owner <c>network:floatingip</c>), its
/// association points at a port's fixed IP. No data plane: association is bookkeeping that servers show.
/// </summary>
[GrainType("compute-floating-ip")]
internal sealed class FloatingIpGrain(
    [PersistentState("floating-ip", ComputeStorage.ProviderName)] IPersistentState<FloatingIpState> state,
    INeutronIndex index,
    ComputeClock clock) : Grain, IFloatingIpGrain
{
    private const string Owner = "network:floatingip";

    private string Id => this.GetPrimaryKeyString();

    public Task<FloatingIp?> GetAsync() => Task.FromResult(state.State.FloatingIp);

    public async Task<FloatingIp> CreateAsync(FloatingIp template, string? requestedAddress)
    {
        if (state.State.FloatingIp is { } existing)
        {
            return existing;
        }

        var external = GrainFactory.GetGrain<INeutronNetworkGrain>(template.FloatingNetworkId);
        if (await external.GetAsync() is not { External: true })
        {
            throw NeutronFaultException.BadRequest(
                $"Invalid input for operation: Bad floatingip request: Network {template.FloatingNetworkId} is not a valid external network.", "BadRequest");
        }

        var address = requestedAddress is not null
            ? (await external.AllocateAsync(Id, Owner, [new FixedIpRequest(null, requestedAddress)]))[0].IpAddress
            : await AllocateIpv4Async(external, template.FloatingNetworkId);
        var now = Now;
        state.State.FloatingIp = template with { Id = Id, FloatingIpAddress = address, CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
        if (template.PortId is not null)
        {
            state.State.FloatingIp = await AssociatedAsync(state.State.FloatingIp, template.PortId, template.FixedIpAddress);
        }

        await CommitAsync();
        return state.State.FloatingIp;
    }

    public async Task<FloatingIp> AssociateAsync(string? portId, string? fixedIpAddress, string? description)
    {
        var current = FloatingIp;
        var changed = portId is null ? current with { PortId = null, FixedIpAddress = null } : await AssociatedAsync(current, portId, fixedIpAddress);
        state.State.FloatingIp = changed with
        {
            Description = description ?? current.Description, UpdatedAt = Now, RevisionNumber = current.RevisionNumber + 1,
        };
        await CommitAsync();
        return state.State.FloatingIp;
    }

    public async Task DeleteAsync()
    {
        var current = FloatingIp;
        await GrainFactory.GetGrain<INeutronNetworkGrain>(current.FloatingNetworkId).ReleaseAsync(Id);
        state.State.FloatingIp = null;
        await state.WriteStateAsync();
        await index.DeleteAsync(NeutronKinds.FloatingIp, Id);
    }

    private FloatingIp FloatingIp => state.State.FloatingIp ?? throw NeutronFaultException.FloatingIpNotFound(Id);

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(clock.UtcNow.ToUnixTimeSeconds());

    private async Task<string> AllocateIpv4Async(INeutronNetworkGrain external, string networkId)
    {
        foreach (var subnet in (await external.GetSubnetsAsync()).Where(s => s.IpVersion == 4))
        {
            try
            {
                return (await external.AllocateAsync(Id, Owner, [new FixedIpRequest(subnet.Id, null)]))[0].IpAddress;
            }
            catch (NeutronFaultException fault) when (fault.Type == "IpAddressGenerationFailure")
            {
                // Full: try the network's next IPv4 subnet.
            }
        }

        throw NeutronFaultException.BadRequest($"Unable to find any IP address on external network {networkId}.", "ExternalIpAddressExhausted");
    }

    /// <summary>The association with a port's fixed IP (its first IPv4 when none is named), checked as Neutron does.</summary>
    private async Task<FloatingIp> AssociatedAsync(FloatingIp floatingIp, string portId, string? fixedIpAddress)
    {
        var port = await GrainFactory.GetGrain<IPortGrain>(portId).GetAsync() ?? throw NeutronFaultException.PortNotFound(portId);
        var fixedIp = fixedIpAddress is null
            ? port.FixedIps.FirstOrDefault(f => !f.IpAddress.Contains(':', StringComparison.Ordinal))?.IpAddress
            : port.FixedIps.FirstOrDefault(f => f.IpAddress == fixedIpAddress)?.IpAddress;
        if (fixedIp is null)
        {
            throw NeutronFaultException.BadRequest(
                fixedIpAddress is null
                    ? $"Bad floatingip request: Port {portId} does not have any IPv4 address."
                    : $"Bad floatingip request: Port {portId} does not have fixed ip {fixedIpAddress}.",
                "BadRequest");
        }

        var others = await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.FloatingIp, ParentId = portId });
        if (others.Select(r => NeutronJson.Read<FloatingIp>(r.Body)).Any(f => f.Id != Id && f.FixedIpAddress == fixedIp && f.FloatingNetworkId == floatingIp.FloatingNetworkId))
        {
            throw NeutronFaultException.Conflict(
                "FloatingIPPortAlreadyAssociated",
                $"Cannot associate floating IP {floatingIp.FloatingIpAddress} ({Id}) with port {portId} using fixed IP {fixedIp}, as that fixed IP already has a floating IP on external network {floatingIp.FloatingNetworkId}.");
        }

        return floatingIp with { PortId = portId, FixedIpAddress = fixedIp };
    }

    private async Task CommitAsync()
    {
        await state.WriteStateAsync();
        await index.UpsertAsync(NeutronIndexRows.For(FloatingIp));
    }
}
