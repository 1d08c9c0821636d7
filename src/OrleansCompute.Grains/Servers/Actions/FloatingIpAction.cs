using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>addFloatingIp / removeFloatingIp (below 2.44): Neutron's floating IP update, no lock or state check.</summary>
internal sealed class FloatingIpAction(bool adding) : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.ChangeFloatingIpAsync(command, adding);
}
