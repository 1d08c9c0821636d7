using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// What a server asks of the network service on one network, keyed by the network id: the calls Nova makes to
/// Neutron. It creates or binds the server's port (the port's grain and the network's grain do the work) and
/// answers the port's addresses, so a server's addresses always come from its ports. Stateless.
/// </summary>
[Alias("compute.INetworkGrain")]
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the server's port on this network (or binds the port it names) and answers its addresses.
    /// Idempotent: a retried build gets the same port. 409 when the fixed IP or port is taken; 400 for an unknown
    /// security group.
    /// </summary>
    [Alias("Attach")]
    Task<IReadOnlyList<ServerAddress>> AttachAsync(ServerPortRequest request);

    /// <summary>
    /// Gives up the server's port on this network: deleted if the server's create made it, unbound otherwise.
    /// Pass what is known (the port, else the address); without either nothing is found.
    /// </summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid serverId, string? address, string? portId);
}
