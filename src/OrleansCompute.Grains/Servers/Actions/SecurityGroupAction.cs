using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>addSecurityGroup / removeSecurityGroup: Neutron's port update, synchronous.</summary>
internal sealed class SecurityGroupAction(bool adding) : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.ChangeSecurityGroupsAsync(command, adding);
}
