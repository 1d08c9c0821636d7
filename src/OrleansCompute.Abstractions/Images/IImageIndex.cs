namespace OrleansCompute.Images;

/// <summary>
/// The image index (table compute_images, in the server index's database): one row per image record, written by the
/// image's grain after every committed change, read by the image lists (Glance's and Nova's proxy), so a list is one
/// query instead of calls through a per-cluster directory grain that every list would hit.
/// </summary>
public interface IImageIndex
{
    /// <summary>Writes the row of <paramref name="image"/> at <paramref name="revision"/>; a lower revision never replaces a higher one.</summary>
    Task UpsertAsync(SnapshotImage image, long revision, CancellationToken cancellationToken = default);

    Task DeleteAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The records a list starts from, oldest first: every image (<see cref="ImageIndexScope.All"/>), those the project
    /// owns, or those it owns plus the published ones and the shared ones naming it as a member. The caller still checks
    /// each one (<see cref="ImageAccess"/>).
    /// </summary>
    Task<IReadOnlyList<SnapshotImage>> QueryAsync(ImageIndexScope scope, string? projectId, CancellationToken cancellationToken = default);
}

/// <summary>Which rows an image list reads.</summary>
public enum ImageIndexScope
{
    /// <summary>Every image (an admin's list).</summary>
    All,

    /// <summary>The images the project owns (Nova's image proxy).</summary>
    Owned,

    /// <summary>Owned, public, community, and shared with the project (Glance's list for a member).</summary>
    Visible,
}
