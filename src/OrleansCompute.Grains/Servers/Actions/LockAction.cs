using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>lock: synchronous.</summary>
internal sealed class LockAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.LockAsync(row, command);
}
