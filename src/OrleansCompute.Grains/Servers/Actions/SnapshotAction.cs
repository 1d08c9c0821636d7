using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>createImage / createBackup: the Glance record is made before the task_state, ACTIVE at the end, deleted on failure.</summary>
internal sealed class SnapshotAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.BeginSnapshotAsync(row, command);

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        command.ImageId is { } imageId ? host.MarkSnapshotActiveAsync(imageId) : Task.CompletedTask;

    public override Task DiscardAsync(IServerActionHost host, ServerActionCommand command) =>
        command.ImageId is { } imageId ? host.DeleteSnapshotAsync(imageId) : Task.CompletedTask;
}
