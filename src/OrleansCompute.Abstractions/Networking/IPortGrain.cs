namespace OrleansCompute.Networking;

/// <summary>One port, keyed by its id: its addresses (held on its network's grain), its binding and its groups.</summary>
[Alias("compute.IPortGrain")]
public interface IPortGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<NeutronPort?> GetAsync();

    /// <summary>Creates the port; idempotent for the same id (a retried server build gets the same port back).</summary>
    [Alias("Create")]
    Task<NeutronPort> CreateAsync(PortCreate create);

    [Alias("Update")]
    Task<NeutronPort> UpdateAsync(PortUpdate update);

    /// <summary>Deletes the port and releases its addresses. Unless <paramref name="force"/>, 409 while a server owns it.</summary>
    [Alias("Delete")]
    Task DeleteAsync(bool force);

    /// <summary>Binds the port to a server (device id, compute owner, host); 409 PortInUse when another device holds it.</summary>
    [Alias("Bind")]
    Task<NeutronPort> BindAsync(Guid serverId, string host, string? tag);

    /// <summary>
    /// Gives the port up by the server: deleted when the server's create made it, otherwise unbound (device
    /// cleared) and kept, as Nova does. A port another device holds is left alone.
    /// </summary>
    [Alias("Detach")]
    Task DetachAsync(Guid serverId);

    /// <summary>
    /// An os-interface attach is about to bind this port: until the binding is settled a reminder asks the server
    /// whether it holds the port (<see cref="SettleBindingAsync"/>).
    /// </summary>
    [Alias("WatchBinding")]
    Task WatchBindingAsync();

    /// <summary>
    /// The reconciliation the reminder runs: a port bound to a server that neither lists it nor means to is given up
    /// (deleted when Nova made it, unbound otherwise); then the watch ends.
    /// </summary>
    [Alias("SettleBinding")]
    Task SettleBindingAsync();
}
