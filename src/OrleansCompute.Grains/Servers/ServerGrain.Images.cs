using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Images of actions: the image a rebuild or a rescue names, and the snapshot image of createImage /
/// createBackup / shelve, a durable <see cref="IImageGrain"/> (Nova's Glance record) that this grain creates SAVING,
/// marks ACTIVE when the snapshot finished, and deletes when it failed; a shelve's image is the server's
/// <c>shelved_image_id</c> until unshelve or delete removes it.
/// </summary>
internal sealed partial class ServerGrain
{
    // Resolved from the services rather than the constructor: one lookup per process, shared with the API.
    private ImageLookup Images => ServiceProvider.GetRequiredService<ImageLookup>();

    /// <summary>The image a rebuild or rescue names, as the caller sees it; null when none is named or it cannot be found.</summary>
    public async Task<ImageDefinition?> FindActionImageAsync(string? imageRef, CallerContext caller) =>
        imageRef is null ? null : await Images.FindAsync(imageRef, caller);

    /// <summary>
    /// createImage / createBackup as Nova does it: the server's state is checked, the image record is created
    /// (SAVING), then the task_state is set; when that last step is refused (a racing action), the image goes again.
    /// </summary>
    public async Task BeginSnapshotAsync(ServerTransition row, ServerActionCommand command)
    {
        if (command.ImageId is not { } imageId)
        {
            await BeginTransitionAsync(row, command);
            return;
        }

        if (command.Action == ServerActionKind.CreateImage && _live!.ImageRef.Length == 0)
        {
            await SnapshotVolumeBackedAsync(row, command, imageId);
            return;
        }

        // The table's checks first, so that a refused snapshot never makes an image; the commit checks again.
        var server = _live!;
        EnsureUnlocked(row, server, command.Caller);
        row.EnsureAllowed(server);
        EnsureNotBusy(row, server);

        var image = ImageGrain(imageId);
        var baseImage = await Images.FindAsync(server.ImageRef);
        await image.CreateAsync(NewSnapshotImage(command, ImageKey(imageId), server, baseImage));
        try
        {
            await BeginTransitionAsync(row, command);
        }
        catch (Exception)
        {
            await image.DeleteAsync();
            throw;
        }
    }

    /// <summary>The snapshot finished: its image becomes ACTIVE before the server leaves image_uploading, as in Nova.</summary>
    public Task MarkSnapshotActiveAsync(string imageId) => ImageGrain(imageId).MarkActiveAsync(clock.UtcNow, SnapshotUpload.Completion(_live!));

    /// <summary>The snapshot failed: Nova deletes its image (before the server's task_state is reverted).</summary>
    public Task DeleteSnapshotAsync(string imageId) => ImageGrain(imageId).DeleteAsync();

    public async Task RecordShelvedImageAsync(string imageId)
    {
        await MarkSnapshotActiveAsync(imageId);
        // Written by the end's commit, which follows; a resumed shelve records it again.
        state.State.ShelvedImageId = imageId;
    }

    public async Task RemoveShelvedImageAsync()
    {
        if (state.State.ShelvedImageId is { } imageId)
        {
            await ImageGrain(imageId).RemoveAsync();
            state.State.ShelvedImageId = null;
        }
    }

    /// <summary>
    /// A delete or os-resetState cancelled the operation in flight: when it was a snapshot, its image can never
    /// finish, so it goes (Nova: the snapshot of a deleted instance fails, and its image is deleted).
    /// </summary>
    private async Task DiscardAbandonedSnapshotAsync(PendingOperation? abandoned)
    {
        if (abandoned is { Action: { } action, Command: { } command })
        {
            await ServerLifecycle.For(action).Handler.DiscardAsync(this, command);
        }
    }

    private IImageGrain ImageGrain(string imageId) => GrainFactory.GetGrain<IImageGrain>(ImageKey(imageId));

    /// <summary>Image grains are keyed by the uuid in its canonical lower-case form, as <see cref="ImageLookup"/> asks for them.</summary>
    private static string ImageKey(string imageId) => Guid.TryParse(imageId, out var uuid) ? uuid.ToString() : imageId;
}
