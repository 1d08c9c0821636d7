using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// One network's IP allocation (the part of Neutron a server create needs), keyed by the network id.
/// Allocation is idempotent per server, so a retried build gets the same address.
/// </summary>
[Alias("compute.INetworkGrain")]
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>Allocates a fixed IP (the requested one, or the next free) to the server; 409 if it is taken.</summary>
    [Alias("Allocate")]
    Task<ServerAddress> AllocateAsync(Guid serverId, string? fixedIp);

    /// <summary>Releases every address the server holds on this network.</summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid serverId);
}
