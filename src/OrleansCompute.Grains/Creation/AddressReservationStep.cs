using OrleansCompute.Networking;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 1: the fixed IPs and ports a create asks for are reserved for its server before it is accepted, so a
/// taken address is Nova's 409 and no quota is claimed for it. Nova allows them on single creates only.
/// </summary>
internal static class AddressReservationStep
{
    /// <summary>Reserves each address in turn, adding it to <paramref name="reserved"/> once it is held.</summary>
    public static async Task ReserveAsync(IGrainFactory grains, Guid serverId, IReadOnlyList<NetworkRequest> addresses, List<NetworkRequest> reserved)
    {
        foreach (var address in addresses)
        {
            await grains.GetGrain<INetworkGrain>(address.NetworkId!).ReserveAsync(serverId, address.FixedIp, address.PortId);
            reserved.Add(address);
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
