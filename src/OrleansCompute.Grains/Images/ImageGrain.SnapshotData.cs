namespace OrleansCompute.Images;

/// <summary>
/// A snapshot's data. Glance would receive the server's disk; there is no disk here, so a snapshot of a server booted
/// from an image that has data gets a copy of that data (inside the store), with its size and hashes: a download then
/// serves it and its checksums agree. A server booted from a configured image (no data) or from a volume keeps a
/// snapshot without data, which downloads as 204 as Glance answers for an image without data.
/// </summary>
internal sealed partial class ImageGrain
{
    // Nova's properties: the image a server booted from, and the mappings only a volume-backed snapshot carries.
    private const string BaseImageRef = "base_image_ref";
    private const string BlockDeviceMapping = "block_device_mapping";

    private async Task<SnapshotImage> WithBaseImageDataAsync(SnapshotImage image)
    {
        if (image.HasData
            || DataStore is not { } data
            || image.Metadata.ContainsKey(BlockDeviceMapping)
            || !image.Metadata.TryGetValue(BaseImageRef, out var baseRef)
            || !Guid.TryParse(baseRef, out var baseId))
        {
            return image;
        }

        var baseImage = await GrainFactory.GetGrain<IImageGrain>(baseId.ToString()).GetAsync();
        // The base's data never changes once it has some (only a queued image takes data), so its hashes describe the copy.
        if (baseImage is not { HasData: true, Checksum: not null } || !await data.CopyAsync(baseImage.Id, image.Id, CancellationToken.None))
        {
            return image;
        }

        return image with
        {
            HasData = true,
            SizeBytes = baseImage.SizeBytes,
            SizeKnown = true,
            Checksum = baseImage.Checksum,
            HashAlgorithm = baseImage.HashAlgorithm,
            HashValue = baseImage.HashValue,
        };
    }
}
