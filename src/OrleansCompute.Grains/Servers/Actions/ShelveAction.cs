using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// shelve: Nova snapshots an image-backed server into <c>&lt;name&gt;-shelved</c> (made before the task_state,
/// ACTIVE at the end and recorded as <c>shelved_image_id</c>, deleted on failure); a volume-backed one shelves
/// without an image. With <c>shelved_offload_time</c> 0 Nova offloads straight after, in the same operation.
/// </summary>
internal sealed class ShelveAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        string.IsNullOrEmpty(host.Live.ImageRef)
            ? host.BeginTransitionAsync(row, command)
            : host.BeginSnapshotAsync(row, command with { ImageId = Guid.NewGuid().ToString(), ImageName = host.Live.Name + "-shelved" });

    public override ServerTransition? ContinueWith(ServerLifecycleOptions options) =>
        options.ShelvedOffloadTime == 0 ? ServerLifecycle.For(ServerActionKind.ShelveOffload) : null;

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        command.ImageId is { } imageId ? host.RecordShelvedImageAsync(imageId) : Task.CompletedTask;

    public override Task DiscardAsync(IServerActionHost host, ServerActionCommand command) =>
        command.ImageId is { } imageId ? host.DeleteSnapshotAsync(imageId) : Task.CompletedTask;
}
