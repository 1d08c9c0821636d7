using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// Glance's interoperable import, <c>glance-direct</c> only: <c>PUT /stage</c> puts the data in the store while the
/// image is UPLOADING, <c>POST /import</c> makes it IMPORTING and a grain timer then makes it ACTIVE with what the
/// stage measured (Glance's import task runs after the 202 too). The IMPORTING state is durable: an activation
/// that finds it finishes the import, so a crash between the two never leaves an image importing for good.
/// </summary>
internal sealed partial class ImageGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Image is { Status: SnapshotImage.Importing })
        {
            FinishImportSoon();
        }

        return Task.CompletedTask;
    }

    public async Task<string> BeginStageAsync(CallerContext caller)
    {
        var image = Writable(caller);
        if (image.Status != SnapshotImage.Queued)
        {
            throw ComputeFaultException.Conflict($"Image status transition from {image.Status.ToLowerInvariant()} to uploading is not allowed");
        }

        var uploadId = Guid.NewGuid().ToString("N");
        await CommitAsync(image with { Status = SnapshotImage.Uploading, UploadId = uploadId, Updated = clock.UtcNow });
        return uploadId;
    }

    public async Task ImportAsync(CallerContext caller, string method)
    {
        var image = Writable(caller);
        // Glance's checks, in Glance's order.
        if (image.IsActive)
        {
            throw ComputeFaultException.Conflict("Image with status active cannot be target for import");
        }

        if (image.Status != SnapshotImage.Uploading || image.Staged is null)
        {
            throw ComputeFaultException.Conflict($"Image needs to be staged before '{method}' method can be used");
        }

        if (image.ContainerFormat is null)
        {
            throw ComputeFaultException.Conflict("'container_format' needs to be set before import");
        }

        if (image.DiskFormat is null)
        {
            throw ComputeFaultException.Conflict("'disk_format' needs to be set before import");
        }

        await CommitAsync(image with { Status = SnapshotImage.Importing, Updated = clock.UtcNow });
        FinishImportSoon();
    }

    public async Task DeactivateAsync(CallerContext caller)
    {
        var image = Administered(caller, "deactivate");
        if (image.Status == SnapshotImage.Deactivated)
        {
            return;
        }

        if (!image.IsActive)
        {
            throw ComputeFaultException.Forbidden($"Not allowed to deactivate image in status '{image.Status.ToLowerInvariant()}'");
        }

        await CommitAsync(image with { Status = SnapshotImage.Deactivated, Updated = clock.UtcNow });
    }

    public async Task ReactivateAsync(CallerContext caller)
    {
        var image = Administered(caller, "reactivate");
        if (image.IsActive)
        {
            return;
        }

        if (image.Status != SnapshotImage.Deactivated)
        {
            throw ComputeFaultException.Forbidden($"Not allowed to reactivate image in status '{image.Status.ToLowerInvariant()}'");
        }

        await CommitAsync(image with { Status = SnapshotImage.Active, Updated = clock.UtcNow });
    }

    /// <summary>The image for an admin-only action (Glance's API reference default): others who see it get a 403.</summary>
    private SnapshotImage Administered(CallerContext caller, string action)
    {
        var image = Readable(caller);
        return caller.IsAdmin ? image : throw ComputeFaultException.Forbidden($"You are not authorized to complete {action} action.");
    }

    private void FinishImportSoon() =>
        this.RegisterGrainTimer(
            _ => FinishImportAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });

    /// <summary>The staged data becomes the image's: ACTIVE with its size and hashes. Nothing when no longer importing (deleted meanwhile).</summary>
    private async Task FinishImportAsync()
    {
        if (state.State.Image is not { Status: SnapshotImage.Importing, Staged: { } staged } image)
        {
            return;
        }

        await CommitAsync(WithData(image, staged) with { Staged = null });
    }
}
