using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Network;

/// <summary>
/// What a server create's <c>networks</c> name, checked against the network service as Nova checks them with
/// Neutron: an unknown or invisible network or port is a 400, a port another server holds a 409. With
/// nothing asked for (or <c>auto</c>) the one network the project may use is chosen: its own or a shared one, the
/// configured default when there are several (else 409); none boots without a network, except for <c>auto</c>
/// (get-me-a-network), where it is Nova's 400 (no auto-allocated topology here). External networks are never chosen.
/// </summary>
internal sealed class ServerNetworkResolver(NetworkService network)
{
    public async Task<IReadOnlyList<NetworkRequest>> ResolveAsync(IReadOnlyList<NetworkRequest> requested, bool auto, CallerContext caller, bool noneIsFine = false)
    {
        if (requested.Count == 0)
        {
            return auto ? await AutomaticAsync(caller, noneIsFine) : [];
        }

        var resolved = new List<NetworkRequest>(requested.Count);
        foreach (var entry in requested)
        {
            if (entry.PortId is { } portId)
            {
                NeutronPort port;
                try
                {
                    port = await network.PortAsync(portId, caller);
                }
                catch (NeutronFaultException)
                {
                    throw ComputeFaultException.BadRequest($"Port id {portId} could not be found.");
                }

                if (port.DeviceId.Length > 0)
                {
                    throw ComputeFaultException.Conflict($"Port {portId} is still in use.");
                }

                if (entry.NetworkId is { } asked && !string.Equals(asked, port.NetworkId, StringComparison.OrdinalIgnoreCase))
                {
                    throw ComputeFaultException.BadRequest($"Port {portId} is not on network {asked}.");
                }

                resolved.Add(entry with { NetworkId = port.NetworkId });
                continue;
            }

            try
            {
                var found = await network.NetworkAsync(entry.NetworkId!, caller);
                resolved.Add(entry with { NetworkId = found.Id });
            }
            catch (NeutronFaultException)
            {
                throw ComputeFaultException.BadRequest($"Network {entry.NetworkId} could not be found.");
            }
        }

        return resolved;
    }

    private async Task<IReadOnlyList<NetworkRequest>> AutomaticAsync(CallerContext caller, bool noneIsFine)
    {
        // Nova's available networks: the project's own and the shared ones, never external ones.
        var available = (await network.ListAsync<NeutronNetwork>(
                NeutronKinds.Network, caller, n => !n.External && n.AdminStateUp && (n.Shared || n.ProjectId == caller.ProjectId)))
            .Where(n => n.Subnets.Count > 0)
            .ToList();
        var chosen = available.Count == 1 ? available[0]
            : available.Where(n => n.IsDefault).ToList() is [var single] ? single
            // Several configured networks (no project's own): the configured default, as before the network service.
            : available.All(n => n.ProjectId.Length == 0) ? available.FirstOrDefault(n => n.Id == network.Catalog.DefaultNetwork?.Id)
            : null;
        if (chosen is not null)
        {
            return [new NetworkRequest { NetworkId = chosen.Id }];
        }

        if (available.Count == 0 && noneIsFine)
        {
            return [];
        }

        throw available.Count == 0
            ? ComputeFaultException.BadRequest($"Unable to automatically allocate a network for project {caller.ProjectId}")
            : ComputeFaultException.Conflict("Multiple possible networks found, use a Network ID to be more specific.");
    }
}
