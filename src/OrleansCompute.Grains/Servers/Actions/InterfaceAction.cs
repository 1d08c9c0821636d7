using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>os-interface attach / detach: a port bound or given up through the network service, synchronous.</summary>
internal sealed class InterfaceAction(bool attaching) : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        attaching ? host.AttachInterfaceAsync(row, command) : host.DetachInterfaceAsync(row, command);
}
