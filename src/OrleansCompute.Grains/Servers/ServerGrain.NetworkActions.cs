using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// The server actions Nova answers by calling Neutron at once (no task_state, no instance action): security groups
/// on every port of the server, a fixed IP more or less on one port (multinic, below 2.44), a floating IP to or
/// from one of its fixed IPs (below 2.44). The ports change first; the server's copy (addresses, group names) is
/// then read back from them, so the ports stay the truth.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>addSecurityGroup / removeSecurityGroup: <c>nova/network/security_group_api.py</c> (add_to_instance, remove_from_instance).</summary>
    public async Task ChangeSecurityGroupsAsync(ServerActionCommand command, bool adding)
    {
        var name = command.SecurityGroup ?? throw ComputeFaultException.BadRequest("'name' is a required property");
        var groupId = command.SecurityGroupId
            ?? throw ComputeFaultException.NotFound($"Security group {name} is not found for project {command.Caller.ProjectId}");
        var ports = await PortsAsync();
        if (ports.Count == 0)
        {
            throw ComputeFaultException.NotFound($"instance_id {Id} could not be found as device id on any ports");
        }

        if (adding)
        {
            foreach (var port in ports)
            {
                if (port.FixedIps.Count == 0 || !port.PortSecurityEnabled)
                {
                    throw ComputeFaultException.BadRequest("Network requires port_security_enabled and subnet associated in order to apply security groups.");
                }

                if (port.SecurityGroups.Contains(groupId, StringComparer.Ordinal))
                {
                    // Neutron refuses the duplicate in the updated list; Nova passes its 400 on.
                    throw ComputeFaultException.BadRequest($"Invalid input for security_groups. Reason: Duplicate items in the list: '{groupId}'.");
                }
            }
        }

        var changed = false;
        foreach (var port in ports)
        {
            if (!adding && !port.SecurityGroups.Contains(groupId, StringComparer.Ordinal))
            {
                continue;
            }

            var groups = adding ? [.. port.SecurityGroups, groupId] : port.SecurityGroups.Where(g => g != groupId).ToList();
            await GrainFactory.GetGrain<IPortGrain>(port.Id).UpdateAsync(new PortUpdate(port with { SecurityGroups = groups }, null));
            changed = true;
        }

        if (!changed)
        {
            throw ComputeFaultException.NotFound($"Security group {name} not associated with the instance {Id}");
        }

        var names = await GroupNamesAsync(await PortsAsync());
        await CommitAsync(s => s with { SecurityGroups = names }, state.State.Pending);
    }

    /// <summary>
    /// addFixedIp / removeFixedIp: Nova casts them to the compute service and answers 202 whatever happens there;
    /// a network the server has no port on, or an address it does not hold, changes nothing.
    /// </summary>
    public async Task ChangeFixedIpAsync(ServerTransition row, ServerActionCommand command, bool adding)
    {
        EnsureUnlocked(row, _live!, command.Caller);
        var held = _live!.Addresses.Where(a => a.PortId is not null && a.Type == "fixed").ToList();
        var address = adding
            ? held.FirstOrDefault(a => string.Equals(a.NetworkId, command.NetworkId, StringComparison.OrdinalIgnoreCase))
            : held.FirstOrDefault(a => a.Address == command.Address);
        if (address is null || await GrainFactory.GetGrain<IPortGrain>(address.PortId!).GetAsync() is not { } port)
        {
            return;
        }

        var wanted = port.FixedIps.Where(f => adding || f.IpAddress != command.Address).Select(f => new FixedIpRequest(f.SubnetId, f.IpAddress)).ToList();
        if (adding)
        {
            var subnets = await GrainFactory.GetGrain<INeutronNetworkGrain>(port.NetworkId).GetSubnetsAsync();
            if (subnets.Count == 0)
            {
                return;
            }

            wanted.Add(new FixedIpRequest(subnets[0].Id, null));
        }

        NeutronPort updated;
        try
        {
            updated = await GrainFactory.GetGrain<IPortGrain>(port.Id).UpdateAsync(new PortUpdate(port, wanted));
        }
        catch (NeutronFaultException)
        {
            // Nova's compute service logs the failed port update; the API has already answered 202.
            return;
        }

        await CommitAsync(s => s with { Addresses = ServerAddressCopy.WithPort(s.Addresses, updated) }, state.State.Pending);
    }

    /// <summary>addFloatingIp / removeFloatingIp: <c>nova/api/openstack/compute/floating_ips.py</c> over Neutron's floating IP update.</summary>
    public async Task ChangeFloatingIpAsync(ServerActionCommand command, bool adding)
    {
        var address = command.Address ?? throw ComputeFaultException.BadRequest("'address' is a required property");
        if (adding)
        {
            await AssociateFloatingIpAsync(command, address);
            return;
        }

        var floatingIp = command.FloatingIpId is null ? null : await GrainFactory.GetGrain<IFloatingIpGrain>(command.FloatingIpId).GetAsync();
        if (floatingIp is null)
        {
            throw ComputeFaultException.NotFound("floating IP not found");
        }

        if (floatingIp.PortId is null || !_live!.Addresses.Any(a => a.PortId == floatingIp.PortId))
        {
            throw ComputeFaultException.Conflict($"Floating IP {address} is not associated with instance {Id}.");
        }

        var released = await GrainFactory.GetGrain<IFloatingIpGrain>(floatingIp.Id).AssociateAsync(null, null, null);
        await ShowFloatingIpAsync(released);
    }

    /// <summary>The server's copy of a floating IP's association: shown next to the fixed IP it points at, or dropped.</summary>
    public async Task ShowFloatingIpAsync(FloatingIp floatingIp)
    {
        var next = ServerAddressCopy.WithFloatingIp(_live!.Addresses, floatingIp);
        if (!next.SequenceEqual(_live.Addresses))
        {
            await CommitAsync(s => s with { Addresses = ServerAddressCopy.WithFloatingIp(s.Addresses, floatingIp) }, state.State.Pending);
        }
    }

    private async Task AssociateFloatingIpAsync(ServerActionCommand command, string address)
    {
        var server = _live!;
        if (server.Addresses.Count == 0)
        {
            throw ComputeFaultException.BadRequest("Instance network is not ready yet");
        }

        var fixedIps = server.Addresses.Where(a => a.Type == "fixed").ToList();
        if (fixedIps.Count == 0)
        {
            throw ComputeFaultException.BadRequest("No fixed IPs associated to instance");
        }

        ServerAddress target;
        if (command.FixedAddress is { } asked)
        {
            target = fixedIps.FirstOrDefault(a => a.Address == asked)
                ?? throw ComputeFaultException.BadRequest("Specified fixed address not assigned to instance");
        }
        else
        {
            target = fixedIps.FirstOrDefault(a => a.IpVersion == 4)
                ?? throw ComputeFaultException.BadRequest(
                    $"Unable to associate floating IP {address} to any fixed IPs for instance {Id}. Instance has no fixed IPv4 addresses to associate.");
        }

        var grain = command.FloatingIpId is null ? null : GrainFactory.GetGrain<IFloatingIpGrain>(command.FloatingIpId);
        var before = grain is null ? null : await grain.GetAsync();
        if (grain is null || before is null || target.PortId is null)
        {
            throw ComputeFaultException.NotFound("floating IP not found");
        }

        FloatingIp after;
        try
        {
            after = await grain.AssociateAsync(target.PortId, target.Address, null);
        }
        catch (NeutronFaultException refused) when (refused.StatusCode == 409)
        {
            throw ComputeFaultException.BadRequest(refused.Message);
        }
        catch (NeutronFaultException refused)
        {
            throw ComputeFaultException.BadRequest(
                $"Unable to associate floating IP {address} to fixed IP {target.Address} for instance {Id}. Error: {refused.Message}");
        }

        // Moved from another server's port: that server drops it (Nova refreshes the other instance's cache too).
        if (before.PortId is { } previous && !server.Addresses.Any(a => a.PortId == previous)
            && await GrainFactory.GetGrain<IPortGrain>(previous).GetAsync() is { DeviceId: var device } && Guid.TryParse(device, out var other))
        {
            await GrainFactory.GetGrain<IServerInterfacesGrain>(other).ShowFloatingIpAsync(after);
        }

        await ShowFloatingIpAsync(after);
    }

    /// <summary>The ports the server's addresses name, as their grains hold them now.</summary>
    private async Task<List<NeutronPort>> PortsAsync()
    {
        var ports = new List<NeutronPort>();
        foreach (var id in _live!.Addresses.Select(a => a.PortId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await GrainFactory.GetGrain<IPortGrain>(id).GetAsync() is { } port)
            {
                ports.Add(port);
            }
        }

        return ports;
    }

    /// <summary>Nova's server <c>security_groups</c>: the names of the groups on the server's ports.</summary>
    private async Task<IReadOnlyList<string>> GroupNamesAsync(IEnumerable<NeutronPort> ports)
    {
        var names = new List<string>();
        foreach (var id in ports.SelectMany(p => p.SecurityGroups).Distinct(StringComparer.Ordinal))
        {
            if (await GrainFactory.GetGrain<ISecurityGroupGrain>(id).GetAsync() is { } group && !names.Contains(group.Name, StringComparer.Ordinal))
            {
                names.Add(group.Name);
            }
        }

        return names;
    }
}
