using Orleans.Concurrency;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// The server's side of Nova's <c>os-interface</c>: attach binds or makes a port and adds its addresses, detach gives
/// the port up and drops them. Both are checked by the lifecycle rows <see cref="ServerActionKind.AttachInterface"/>
/// and <see cref="ServerActionKind.DetachInterface"/> (lock, vm_state, idle) and recorded as instance actions.
/// </summary>
[Alias("compute.IServerInterfacesGrain")]
public interface IServerInterfacesGrain : IGrainWithGuidKey
{
    /// <summary>The server after the attach: its addresses hold the port's.</summary>
    [Alias("AttachInterface")]
    Task<ServerSnapshot> AttachInterfaceAsync(ServerActionCommand command);

    /// <summary>404 when the server has no such port.</summary>
    [Alias("DetachInterface")]
    Task DetachInterfaceAsync(ServerActionCommand command);

    /// <summary>
    /// The network service changed a floating IP's association: the server shows it next to the fixed IP it points
    /// at when that is one of its ports, and drops it otherwise. Nothing is written when nothing changes.
    /// </summary>
    [Alias("ShowFloatingIp")]
    Task ShowFloatingIpAsync(Networking.FloatingIp floatingIp);

    /// <summary>
    /// Whether the server holds the port or means to (an attach it recorded and has not finished, which it then
    /// resumes in a turn of its own). A port bound to a server that answers false is given up. Read only.
    /// </summary>
    [Alias("HoldsPort")]
    [AlwaysInterleave]
    Task<bool> HoldsPortAsync(string portId);

    /// <summary>Finishes an os-interface attach a crash interrupted (after the intent was written).</summary>
    [Alias("ResumeInterface")]
    Task ResumeInterfaceAsync();
}
