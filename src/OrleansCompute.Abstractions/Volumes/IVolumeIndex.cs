namespace OrleansCompute.Volumes;

/// <summary>
/// The block storage index (table compute_volumes): one row per volume and per snapshot, written by its grain
/// after every committed change (version-guarded), read by the list routes.
/// </summary>
public interface IVolumeIndex
{
    Task UpsertAsync(VolumeRecord volume, CancellationToken cancellationToken = default);

    Task UpsertAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken = default);

    /// <summary>A page of volumes in the query's order (newest first by default); 404 for a marker that is not a listed volume.</summary>
    /// <param name="query">The filters SQL applies, the marker and the page size.</param>
    /// <param name="matches">Filters applied in code before the page is cut (metadata, bootable...), or null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<VolumeRecord>> QueryVolumesAsync(VolumeIndexQuery query, Func<VolumeRecord, bool>? matches = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VolumeSnapshotRecord>> QuerySnapshotsAsync(
        VolumeIndexQuery query, Func<VolumeSnapshotRecord, bool>? matches = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a list asks the index: the project (null: every project), exact name and status, the parent volume (for
/// snapshots), a marker, an offset, a limit and the sort. Deleted rows are never listed.
/// </summary>
public sealed record VolumeIndexQuery
{
    public string? ProjectId { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public Guid? VolumeId { get; init; }
    public Guid? Marker { get; init; }
    public int Limit { get; init; } = 1000;
    public int Offset { get; init; }

    /// <summary>The order asked for (tie-breakers included); null for Cinder's default, newest first.</summary>
    public IReadOnlyList<VolumeSortTerm>? Sort { get; init; }
}
