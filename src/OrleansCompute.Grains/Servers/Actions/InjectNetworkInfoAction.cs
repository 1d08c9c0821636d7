using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>injectNetworkInfo: nothing visible changes; only the lock is checked.</summary>
internal sealed class InjectNetworkInfoAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command)
    {
        host.EnsureUnlocked(row, host.Live, command.Caller);
        return Task.CompletedTask;
    }
}
