using System.Collections.Concurrent;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// The one way to find an image: the configured ones from the catalog (synchronously, no grain call), the
/// snapshot images from their grains, so every silo and front sees the same durable records.
/// </summary>
/// <remarks>
/// A per-process cache holds snapshot images once they are ACTIVE, and only then: an ACTIVE image never changes
/// again and is never deleted (only a failed snapshot deletes its image, and that happens while it is SAVING;
/// there is no image DELETE here), so a cached entry can never show a deleted image as bootable. A SAVING image
/// is asked for every time, so it is seen ACTIVE as soon as its grain says so. Unknown ids are not cached.
/// </remarks>
public sealed class ImageLookup(ComputeCatalog catalog, IGrainFactory grains)
{
    // Bounded so that a process that sees very many snapshots does not grow without limit; past it, lookups ask the grain.
    private const int MaxCachedImages = 10_000;

    private readonly ConcurrentDictionary<string, ImageDefinition> _active = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The image, or null when it does not exist or <paramref name="caller"/> may not see it (another project's
    /// snapshot). A null caller is the service itself (a server's own image): no visibility check.
    /// </summary>
    public async ValueTask<ImageDefinition?> FindAsync(string? id, CallerContext? caller = null)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (catalog.FindImage(id) is { } configured)
        {
            return configured;
        }

        var image = _active.GetValueOrDefault(id) ?? await LoadAsync(id);
        return image is not null && (caller is null || caller.CanSee(image.OwnerProjectId ?? caller.ProjectId)) ? image : null;
    }

    /// <summary>A configured image or an already cached snapshot, without a grain call (see <see cref="PreloadAsync"/>).</summary>
    public ImageDefinition? FindKnown(string? id) =>
        string.IsNullOrEmpty(id) ? null : catalog.FindImage(id) ?? _active.GetValueOrDefault(id);

    /// <summary>Brings the given images into the cache (those that are ACTIVE), so that views can read them with <see cref="FindKnown"/>.</summary>
    public async Task PreloadAsync(IEnumerable<string?> ids)
    {
        var missing = ids.Where(id => !string.IsNullOrEmpty(id) && FindKnown(id) is null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
        {
            await Task.WhenAll(missing.Select(id => LoadAsync(id!).AsTask()));
        }
    }

    /// <summary>
    /// The images the caller sees, as Glance lists them: the configured (public) ones, then the caller's project's
    /// snapshots, oldest first. Lists are rare, so reading the project's directory and its images is fine here.
    /// </summary>
    public async Task<IReadOnlyList<ImageDefinition>> ListAsync(CallerContext caller)
    {
        var ids = await grains.GetGrain<IImageDirectoryGrain>(caller.ProjectId).ListAsync();
        var snapshots = await Task.WhenAll(ids.Select(id => LoadAsync(id).AsTask()));
        return [.. catalog.Images, .. snapshots.OfType<ImageDefinition>().OrderBy(i => i.Created)];
    }

    private async ValueTask<ImageDefinition?> LoadAsync(string id)
    {
        // Snapshot ids are uuids; anything else cannot be one, and must not activate a grain per bad request.
        if (!Guid.TryParse(id, out var uuid))
        {
            return null;
        }

        var record = await grains.GetGrain<IImageGrain>(uuid.ToString()).GetAsync();
        if (record is null)
        {
            return null;
        }

        var image = record.ToDefinition();
        if (record.IsActive && _active.Count < MaxCachedImages)
        {
            _active.TryAdd(image.Id, image);
        }

        return image;
    }
}
