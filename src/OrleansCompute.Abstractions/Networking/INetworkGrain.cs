using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// One network's IP allocation (the part of Neutron a server create needs), keyed by the network id. It is a
/// stateless dispatcher over the network's address blocks, so no single grain holds (or rewrites) every
/// allocation of a large network. Allocation is idempotent per server, so a retried build gets the same address.
/// </summary>
[Alias("compute.INetworkGrain")]
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>Allocates a fixed IP (the requested one, or a free one) to the server; 409 if it is taken.</summary>
    [Alias("Allocate")]
    Task<ServerAddress> AllocateAsync(Guid serverId, string? fixedIp);

    /// <summary>
    /// Reserves at request time what a create asks for by name: a fixed IP, or a configured port (with its
    /// fixed IP). 409 when another server holds it, as Nova answers before it accepts the create. The build's
    /// <see cref="AllocateAsync"/> then returns the reserved address.
    /// </summary>
    [Alias("Reserve")]
    Task<ServerAddress> ReserveAsync(Guid serverId, string? fixedIp, string? portId);

    /// <summary>
    /// Releases the server's address on this network. Pass what is known of it (the address, else the requested
    /// fixed IP or port): it names the block directly; without it the blocks are searched.
    /// </summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid serverId, string? address, string? portId);
}
