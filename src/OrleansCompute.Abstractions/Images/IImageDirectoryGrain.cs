namespace OrleansCompute.Images;

/// <summary>
/// The image directory of earlier releases, keyed by <see cref="ImageDirectories.All"/> (the other keys are no longer
/// read): the ids of every image made before the image index existed. Kept only to backfill that index once; image
/// grains no longer write it, lists read the index.
/// </summary>
[Alias("compute.IImageDirectoryGrain")]
public interface IImageDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Has each listed image write its index row, once per directory (later calls return at once): the rows of
    /// images that exist only in the directory appear in the index.
    /// </summary>
    [Alias("BackfillIndex")]
    Task BackfillIndexAsync();
}
