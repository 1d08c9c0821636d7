using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>unlock: synchronous; another party's lock needs unlock_override.</summary>
internal sealed class UnlockAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.UnlockAsync(row, command);
}
