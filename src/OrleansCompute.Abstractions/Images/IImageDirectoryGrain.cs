using Orleans.Concurrency;

namespace OrleansCompute.Images;

/// <summary>
/// The snapshot images of one project, keyed by the project id: what an image list enumerates. Kept by the image
/// grains themselves (added before an image is recorded, removed after it is deleted), so a list never misses
/// an image; an id whose image is gone is skipped by the reader.
/// </summary>
[Alias("compute.IImageDirectoryGrain")]
public interface IImageDirectoryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string imageId);

    [Alias("Remove")]
    Task RemoveAsync(string imageId);

    /// <summary>The project's image ids, oldest first.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
