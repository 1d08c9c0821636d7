using Orleans.Concurrency;

namespace OrleansCompute.Images;

/// <summary>
/// One snapshot image, keyed by its id (a uuid, lower case): the single writer of its record. The server grain
/// that takes the snapshot creates it, marks it active or deletes it; readers on any silo or front ask it.
/// </summary>
[Alias("compute.IImageGrain")]
public interface IImageGrain : IGrainWithStringKey
{
    /// <summary>Records the image (SAVING) and lists it in its owner's directory; again with the same id: nothing.</summary>
    [Alias("Create")]
    Task CreateAsync(SnapshotImage image);

    /// <summary>The snapshot finished: SAVING becomes ACTIVE (idempotent: a resumed snapshot may finish twice).</summary>
    [Alias("MarkActive")]
    Task MarkActiveAsync(DateTimeOffset at);

    /// <summary>
    /// The snapshot failed or was abandoned: a SAVING record goes, as Nova deletes a failed snapshot's image. An
    /// ACTIVE image is never deleted (there is no image DELETE here), which lets readers cache it.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>The record; null when there is none (never made, or deleted).</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<SnapshotImage?> GetAsync();
}
