using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// Resolves what a volume create names (a snapshot, a source volume or an image) and makes the grain command: the
/// size defaults to the source's and may not be smaller, and a source must be in a status Cinder copies from.
/// </summary>
internal sealed class VolumeCreation(IGrainFactory grains, ImageLookup images)
{
    private const long GiB = 1024L * 1024 * 1024;

    public async Task<CreateVolumeCommand> PrepareAsync(CreateVolumeRequest request, CallerContext caller)
    {
        var command = new CreateVolumeCommand
        {
            Caller = caller,
            Size = request.Size ?? 0,
            Name = request.Name,
            Description = request.Description,
            AvailabilityZone = request.AvailabilityZone,
            Metadata = request.Metadata,
        };
        if (request.SnapshotId is { } snapshotId)
        {
            var snapshot = await grains.GetGrain<IVolumeSnapshotGrain>(snapshotId).GetAsync(caller);
            if (snapshot.Status != VolumeStatus.Available)
            {
                throw ComputeFaultException.BadRequest($"Invalid snapshot: Originating snapshot status must be one of 'available' values");
            }

            return command with { Size = AtLeast(request.Size, snapshot.Size, "snapshot"), SnapshotId = snapshotId, Bootable = snapshot.Bootable };
        }

        if (request.SourceVolumeId is { } sourceId)
        {
            var source = await grains.GetGrain<IVolumeGrain>(sourceId).GetAsync(caller);
            if (source.Status is not (VolumeStatus.Available or VolumeStatus.InUse))
            {
                throw ComputeFaultException.BadRequest("Invalid volume: Unable to create volume from a source volume that is not available or in-use.");
            }

            return command with
            {
                Size = AtLeast(request.Size, source.Size, "source volume"),
                SourceVolumeId = sourceId,
                Bootable = source.Bootable,
                ImageId = source.ImageId,
                ImageMetadata = source.ImageMetadata,
            };
        }

        if (request.ImageRef is { } imageRef)
        {
            var image = await images.FindAsync(imageRef, caller)
                ?? throw ComputeFaultException.BadRequest($"Invalid image identifier or unable to access requested image.");
            if (!string.Equals(image.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            {
                throw ComputeFaultException.BadRequest($"Image {image.Id} is not active.");
            }

            var imageSize = (int)Math.Max(1, (image.SizeBytes + GiB - 1) / GiB);
            if (command.Size < imageSize)
            {
                throw ComputeFaultException.BadRequest($"Invalid input received: Size of specified image {imageSize} is larger than volume size {command.Size}.");
            }

            if (command.Size < image.MinDiskGb)
            {
                throw ComputeFaultException.BadRequest($"Invalid input received: Volume size {command.Size}GB cannot be smaller than the image minDisk size {image.MinDiskGb}GB.");
            }

            return command with { ImageId = image.Id, Bootable = true, ImageMetadata = VolumeImageMetadata.From(image) };
        }

        return command;
    }

    private static int AtLeast(int? requested, int sourceSize, string source) =>
        requested is not { } size ? sourceSize
        : size >= sourceSize ? size
        : throw ComputeFaultException.BadRequest($"Invalid input received: Volume size '{size}'GB cannot be smaller than the {source} size {sourceSize}GB. They must be >= original {source} size.");
}
