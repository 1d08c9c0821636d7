using OrleansCompute.Networking;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Network;

/// <summary>
/// After a floating IP's association changed through Neutron's routes, the servers owning the ports it left and
/// joined refresh their <c>addresses</c> (Neutron's <c>network-changed</c> event to Nova, here a direct call).
/// </summary>
internal static class FloatingIpServers
{
    public static async Task ShowAsync(NetworkService service, FloatingIp? before, FloatingIp after)
    {
        foreach (var portId in new[] { before?.PortId, after.PortId }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await service.Grains.GetGrain<IPortGrain>(portId).GetAsync() is { IsBoundToServer: true } port && Guid.TryParse(port.DeviceId, out var serverId))
            {
                await service.Grains.GetGrain<IServerInterfacesGrain>(serverId).ShowFloatingIpAsync(after);
            }
        }
    }
}
