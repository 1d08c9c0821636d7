using System.Collections.Concurrent;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// The one way to find an image: the configured ones from the catalog (synchronously, no grain call), the others
/// (snapshots and uploaded images) from their grains, so every silo and front sees the same durable records. Lists
/// read the image index (<see cref="IImageIndex"/>), which the grains keep after each change.
/// </summary>
/// <remarks>
/// Images change and go (PATCH, DELETE, unshelve), so whatever decides something (<see cref="FindAsync"/>: a boot,
/// a rebuild) asks the image's grain every time. The per-process cache serves only the views
/// (<see cref="FindKnown"/>): it holds ACTIVE images as last loaded, and every load refreshes or drops the entry.
/// </remarks>
public sealed class ImageLookup(ComputeCatalog catalog, IGrainFactory grains, IImageIndex index)
{
    // Bounded so that a process that sees very many images does not grow without limit; past it, views ask the grain.
    private const int MaxCachedImages = 10_000;

    private readonly ConcurrentDictionary<string, ImageDefinition> _active = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The image, or null when it does not exist or <paramref name="caller"/> may not see it (Glance's rules, see
    /// <see cref="ImageAccess"/>). A null caller is the service itself (a server's own image): no visibility check.
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

        var record = await LoadAsync(id);
        return record is not null && (caller is null || ImageAccess.CanRead(record, caller)) ? record.ToDefinition() : null;
    }

    /// <summary>The image service's record (configured images as public ones), or null when absent or not visible to <paramref name="caller"/>.</summary>
    public async ValueTask<SnapshotImage?> FindRecordAsync(string id, CallerContext caller)
    {
        if (catalog.FindImage(id) is { } configured)
        {
            return SnapshotImage.FromConfigured(configured);
        }

        var record = await LoadAsync(id);
        return record is not null && ImageAccess.CanRead(record, caller) ? record : null;
    }

    /// <summary>A configured image or an already cached one, without a grain call (see <see cref="PreloadAsync"/>).</summary>
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
    /// Nova's image proxy list: the configured (public) images, then the caller's project's own images, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ImageDefinition>> ListAsync(CallerContext caller)
    {
        var records = await index.QueryAsync(ImageIndexScope.Owned, caller.ProjectId);
        return [.. catalog.Images, .. records.Where(r => ImageAccess.CanRead(r, caller)).OrderBy(r => r.Created).Select(r => r.ToDefinition())];
    }

    /// <summary>
    /// Every image record <paramref name="caller"/> may read, for the image service's list to filter: the configured
    /// ones, then those of the index it may see (admins: all of them).
    /// </summary>
    public async Task<IReadOnlyList<SnapshotImage>> ListRecordsAsync(CallerContext caller)
    {
        var records = await index.QueryAsync(caller.IsAdmin ? ImageIndexScope.All : ImageIndexScope.Visible, caller.ProjectId);
        return [.. catalog.Images.Select(SnapshotImage.FromConfigured), .. records.Where(r => ImageAccess.CanRead(r, caller))];
    }

    private async ValueTask<SnapshotImage?> LoadAsync(string id)
    {
        // Image ids are uuids; anything else cannot be one, and must not activate a grain per bad request.
        if (!Guid.TryParse(id, out var uuid))
        {
            return null;
        }

        var key = uuid.ToString();
        var record = await grains.GetGrain<IImageGrain>(key).GetAsync();
        if (record is { IsActive: true } && (_active.Count < MaxCachedImages || _active.ContainsKey(key)))
        {
            _active[key] = record.ToDefinition();
        }
        else
        {
            _active.TryRemove(key, out _);
        }

        return record;
    }
}
