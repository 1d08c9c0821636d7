namespace OrleansCompute.Images;

/// <summary>
/// The keys of the <see cref="IImageDirectoryGrain"/>s earlier releases wrote. Only <see cref="All"/> is read now:
/// it held every image, so it is what the image index is backfilled from.
/// </summary>
public static class ImageDirectories
{
    public const string All = "*all";
}
