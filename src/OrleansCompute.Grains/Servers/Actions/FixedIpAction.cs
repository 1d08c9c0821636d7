using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>addFixedIp / removeFixedIp (below 2.44): Neutron's port update, lock checked, no state check.</summary>
internal sealed class FixedIpAction(bool adding) : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.ChangeFixedIpAsync(row, command, adding);
}
