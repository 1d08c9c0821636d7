using OrleansCompute.Networking;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 1: the fixed IPs and ports a create asks for are taken for its server through the network service before
/// the create is accepted (the port is made or bound now, the build binds it to its host), so a taken address is
/// Nova's 409 and no quota is claimed for it. Nova allows them on single creates only.
/// </summary>
internal static class AddressReservationStep
{
    /// <summary>Reserves each address in turn, adding it to <paramref name="reserved"/> once it is held.</summary>
    public static async Task ReserveAsync(
        IGrainFactory grains, Guid serverId, CreateServerCommand template, IReadOnlyList<NetworkRequest> addresses, List<NetworkRequest> reserved)
    {
        foreach (var address in addresses)
        {
            var held = await grains.GetGrain<INetworkGrain>(address.NetworkId!).AttachAsync(ServerPorts.Reservation(serverId, template, address));
            reserved.Add(address with { PortId = address.PortId ?? (held.Count > 0 ? held[0].PortId : null) });
        }
    }

    public static async Task ReleaseAsync(IGrainFactory grains, Guid serverId, IEnumerable<NetworkRequest> reserved)
    {
        foreach (var address in reserved)
        {
            await grains.GetGrain<INetworkGrain>(address.NetworkId!).ReleaseAsync(serverId, address.FixedIp, address.PortId);
        }
    }
}
