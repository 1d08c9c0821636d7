using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>os-resetState: synchronous; abandons what was in flight.</summary>
internal sealed class ResetStateAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.ResetStateAsync(row, command);
}
