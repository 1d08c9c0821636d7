using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// One image (Glance's record): a snapshot created SAVING by the server grain taking it, or a user's image created
/// QUEUED through the image service. Durable in the compute storage, so it survives restarts and every silo and
/// front reaches the same record. It keeps its row of the image index (<see cref="IImageIndex"/>) that the lists read:
/// written after each committed change, as the volume grain does, and deleted after the record is.
/// </summary>
[GrainType("compute-image")]
internal sealed partial class ImageGrain(
    [PersistentState("image", ComputeStorage.ProviderName)] IPersistentState<ImageState> state,
    ComputeClock clock,
    IImageIndex index,
    IOptions<ImageServiceOptions> options) : Grain, IImageGrain
{
    private ImageServiceOptions Limits => options.Value;

    public async Task CreateAsync(SnapshotImage image)
    {
        if (state.State.Image is not null)
        {
            return;
        }

        await CommitAsync(image);
    }

    public async Task<SnapshotImage> DefineAsync(CallerContext caller, IReadOnlyList<ImagePatchOperation> properties)
    {
        var id = this.GetPrimaryKeyString();
        if (state.State.Image is not null)
        {
            throw ComputeFaultException.Conflict($"An image with identifier {id} already exists");
        }

        var now = clock.UtcNow;
        var blank = new SnapshotImage
        {
            Id = id,
            Name = null,
            Status = SnapshotImage.Queued,
            OwnerProjectId = caller.ProjectId,
            Visibility = ImageVisibility.Shared,
            SizeBytes = 0,
            SizeKnown = false,
            Created = now,
            Updated = now,
        };
        // A member may name its own project as the owner; any other owner is an admin's choice (the patch rule).
        var image = properties
            .Where(p => p.Property != ImageProperties.Owner || !string.Equals(p.Value?.Text, caller.ProjectId, StringComparison.Ordinal))
            .Aggregate(blank, (current, operation) => ImagePatch.Apply(current, operation, caller));
        EnsureLimits(image);
        await CommitAsync(image);
        return image;
    }

    public async Task MarkActiveAsync(DateTimeOffset at, SnapshotCompletion completion)
    {
        if (state.State.Image is not { IsFinished: false } image)
        {
            return;
        }

        image = await WithBaseImageDataAsync(image);

        var metadata = new Dictionary<string, string>(image.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in completion.Properties)
        {
            metadata[key] = value;
        }

        await CommitAsync(image with
        {
            Status = SnapshotImage.Active,
            Updated = at,
            DiskFormat = completion.DiskFormat,
            ContainerFormat = completion.ContainerFormat,
            Metadata = metadata,
        });
    }

    public async Task DeleteAsync()
    {
        // Only an unfinished snapshot goes: a delete racing the end of its snapshot leaves the finished image.
        if (state.State.Image is { IsFinished: false })
        {
            await RemoveAsync();
        }
    }

    public async Task<bool> RemoveAsync()
    {
        if (state.State.Image is not { } image)
        {
            return false;
        }

        await state.ClearStateAsync();
        state.State.Image = null;
        await index.DeleteAsync(image.Id);
        // The record went first, so no reader is sent to data that is going; a snapshot's copied data goes with it.
        if (DataStore is { } data)
        {
            await data.DeleteAsync(image.Id, CancellationToken.None);
        }

        return true;
    }

    public async Task DeleteByUserAsync(CallerContext caller)
    {
        var image = Writable(caller);
        if (image.Protected)
        {
            throw ComputeFaultException.Forbidden($"Image {image.Id} is protected and cannot be deleted.");
        }

        await RemoveAsync();
    }

    public async Task<string> BeginUploadAsync(CallerContext caller)
    {
        var image = Writable(caller);
        if (image.Status != SnapshotImage.Queued)
        {
            throw ComputeFaultException.Conflict($"Image status transition from {image.Status.ToLowerInvariant()} to saving is not allowed");
        }

        if (image.DiskFormat is null || image.ContainerFormat is null)
        {
            throw ComputeFaultException.BadRequest("Properties disk_format, container_format must be set prior to saving data.");
        }

        var uploadId = Guid.NewGuid().ToString("N");
        await CommitAsync(image with { Status = SnapshotImage.Saving, UploadId = uploadId, Updated = clock.UtcNow });
        return uploadId;
    }

    public async Task<bool> CompleteUploadAsync(string uploadId, ImageUpload upload)
    {
        if (state.State.Image is not { } image || !string.Equals(image.UploadId, uploadId, StringComparison.Ordinal))
        {
            return false;
        }

        if (image.Status == SnapshotImage.Uploading)
        {
            // Staged: the data waits in the store for its import, the image stays UPLOADING.
            await CommitAsync(image with { UploadId = null, Staged = upload, SizeBytes = upload.SizeBytes, SizeKnown = true, Updated = clock.UtcNow });
            return true;
        }

        await CommitAsync(WithData(image, upload) with { UploadId = null });
        return true;
    }

    /// <summary>ACTIVE with <paramref name="data"/> as its data: Glance's size, checksum and multihash.</summary>
    private SnapshotImage WithData(SnapshotImage image, ImageUpload data) => image with
    {
        Status = SnapshotImage.Active,
        SizeBytes = data.SizeBytes,
        SizeKnown = true,
        HasData = true,
        Checksum = data.Md5,
        HashAlgorithm = data.HashAlgorithm,
        HashValue = data.HashValue,
        Updated = clock.UtcNow,
    };

    public async Task AbortUploadAsync(string uploadId)
    {
        if (state.State.Image is { } image && string.Equals(image.UploadId, uploadId, StringComparison.Ordinal))
        {
            // Glance's restore: back to queued with the sizes cleared, so the upload can be tried again.
            await CommitAsync(image with { Status = SnapshotImage.Queued, UploadId = null, Staged = null, SizeBytes = 0, SizeKnown = false, Updated = clock.UtcNow });
        }
    }

    public Task<SnapshotImage?> GetAsync() => Task.FromResult(state.State.Image);

    public async Task ReindexAsync()
    {
        if (state.State.Image is { } image)
        {
            await index.UpsertAsync(image, state.State.Revision);
        }
    }

    /// <summary>The image when the caller may change it: 404 when it cannot see it, 403 when it only reads it.</summary>
    private SnapshotImage Writable(CallerContext caller)
    {
        var image = Readable(caller);
        return ImageAccess.CanWrite(image, caller)
            ? image
            : throw ComputeFaultException.Forbidden("You are not permitted to modify this image.");
    }

    private SnapshotImage Readable(CallerContext caller) =>
        state.State.Image is { } image && ImageAccess.CanRead(image, caller)
            ? image
            : throw ComputeFaultException.NotFound($"No image found with ID {this.GetPrimaryKeyString()}");

    /// <summary>Writes the grain state, then the index row, before the call answers.</summary>
    private async Task CommitAsync(SnapshotImage next)
    {
        state.State.Image = next;
        state.State.Revision++;
        await state.WriteStateAsync();
        await index.UpsertAsync(next, state.State.Revision);
    }

    /// <summary>Where image data lives; a host without one (a product mapping only grains) keeps snapshots without data.</summary>
    private IImageDataStore? DataStore => ServiceProvider.GetService<IImageDataStore>();
}
