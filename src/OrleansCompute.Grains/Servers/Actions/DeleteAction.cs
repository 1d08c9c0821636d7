using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>The deletes the grain starts itself (DELETE, the soft delete, the reclaim): a delete supersedes what runs.</summary>
internal sealed class DeleteAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.BeginDeleteAsync(row, command);
}
