using OrleansCompute.Networking;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The server-side calls of the network service as the grain tests make them: a server takes a port on a network
/// (with a fixed IP or any address) and answers its first address, as the create saga and the build do.
/// </summary>
internal static class NetworkGrainCalls
{
    public const string Project = "network-tests";

    public static async Task<ServerAddress> ReserveAsync(this INetworkGrain network, Guid serverId, string? fixedIp, string? portId)
    {
        var addresses = await network.AttachAsync(new ServerPortRequest { ServerId = serverId, ProjectId = Project, FixedIp = fixedIp, PortId = portId });
        return addresses[0];
    }

    public static Task<ServerAddress> AllocateAsync(this INetworkGrain network, Guid serverId, string? fixedIp) => network.ReserveAsync(serverId, fixedIp, null);
}
