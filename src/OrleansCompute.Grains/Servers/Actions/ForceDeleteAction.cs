using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>forceDelete: a delete that skips the soft delete (local at once without a host).</summary>
internal sealed class ForceDeleteAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.ForceDeleteAsync(row, command);
}
