using Orleans.Concurrency;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>
/// One image, keyed by its id (a uuid, lower case): the single writer of its record and of the directories that
/// list it. The server grain creates its snapshots here; the image service (<c>/image/v2</c>) creates, changes and
/// deletes users' images. Glance's faults (400, 403, 404, 409, 413) are thrown as ComputeFaultException.
/// </summary>
[Alias("compute.IImageGrain")]
public interface IImageGrain : IGrainWithStringKey
{
    /// <summary>A snapshot's record (SAVING), listed in its directories; again with the same id: nothing.</summary>
    [Alias("Create")]
    Task CreateAsync(SnapshotImage image);

    /// <summary>
    /// A user's image (<c>POST /v2/images</c>): QUEUED, owned by the caller's project, <c>shared</c> unless the
    /// properties (checked like a patch's <c>add</c>s) say otherwise. 409 when the id is taken.
    /// </summary>
    [Alias("Define")]
    Task<SnapshotImage> DefineAsync(CallerContext caller, IReadOnlyList<ImagePatchOperation> properties);

    /// <summary>
    /// The snapshot finished: SAVING becomes ACTIVE with the formats and properties the compute side sets when it
    /// uploads (idempotent: a resumed snapshot may finish twice).
    /// </summary>
    [Alias("MarkActive")]
    Task MarkActiveAsync(DateTimeOffset at, SnapshotCompletion completion);

    /// <summary>
    /// The snapshot failed or was abandoned: a record that is not ACTIVE goes, as Nova deletes a failed snapshot's
    /// image. An ACTIVE image stays.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>The service removes the image whatever its state (Nova deletes a shelved server's image); true when there was one.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync();

    /// <summary><c>DELETE /v2/images/{id}</c>: 404 when the caller cannot see it, 403 when it may not or the image is protected.</summary>
    [Alias("DeleteByUser")]
    Task DeleteByUserAsync(CallerContext caller);

    /// <summary>A JSON patch, applied in order and saved once; any refusal rejects all of it.</summary>
    [Alias("Update")]
    Task<SnapshotImage> UpdateAsync(CallerContext caller, IReadOnlyList<ImagePatchOperation> operations);

    /// <summary>Starts <c>PUT /file</c>: QUEUED becomes SAVING; the answer names this upload.</summary>
    [Alias("BeginUpload")]
    Task<string> BeginUploadAsync(CallerContext caller);

    /// <summary>
    /// The data of upload <paramref name="uploadId"/> is stored: ACTIVE after <c>PUT /file</c>, staged (still
    /// UPLOADING, waiting for its import) after <c>PUT /stage</c>. False when that upload no longer owns the image.
    /// </summary>
    [Alias("CompleteUpload")]
    Task<bool> CompleteUploadAsync(string uploadId, ImageUpload upload);

    /// <summary>The upload (or stage) failed: back to QUEUED, so it can be retried (Glance's restore).</summary>
    [Alias("AbortUpload")]
    Task AbortUploadAsync(string uploadId);

    /// <summary>Starts <c>PUT /stage</c>: QUEUED becomes UPLOADING; the answer names this stage (completed or aborted as an upload).</summary>
    [Alias("BeginStage")]
    Task<string> BeginStageAsync(CallerContext caller);

    /// <summary>
    /// <c>POST /import</c> with <c>glance-direct</c>: the staged image becomes IMPORTING, then ACTIVE with the staged
    /// data's size and hashes, asynchronously as Glance's import task (an import cut short by a crash finishes when
    /// the image is next activated). Glance's 409s when the image is not staged or lacks its formats.
    /// </summary>
    [Alias("Import")]
    Task ImportAsync(CallerContext caller, string method);

    /// <summary><c>actions/deactivate</c> (admins): ACTIVE becomes DEACTIVATED; again: nothing; any other status: 403.</summary>
    [Alias("Deactivate")]
    Task DeactivateAsync(CallerContext caller);

    /// <summary><c>actions/reactivate</c> (admins): DEACTIVATED becomes ACTIVE; again: nothing; any other status: 403.</summary>
    [Alias("Reactivate")]
    Task ReactivateAsync(CallerContext caller);

    [Alias("AddTag")]
    Task AddTagAsync(CallerContext caller, string tag);

    [Alias("RemoveTag")]
    Task RemoveTagAsync(CallerContext caller, string tag);

    [Alias("AddMember")]
    Task<ImageMember> AddMemberAsync(CallerContext caller, string projectId);

    [Alias("UpdateMember")]
    Task<ImageMember> UpdateMemberAsync(CallerContext caller, string projectId, string status);

    [Alias("RemoveMember")]
    Task RemoveMemberAsync(CallerContext caller, string projectId);

    /// <summary>The record; null when there is none (never made, or deleted).</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<SnapshotImage?> GetAsync();

    /// <summary>Writes the image's index row again as the record is now (the index's backfill from the directory).</summary>
    [Alias("Reindex")]
    Task ReindexAsync();
}

/// <summary>What the compute side sets when a snapshot's upload finished (Nova's libvirt driver).</summary>
[GenerateSerializer, Immutable, Alias("compute.SnapshotCompletion")]
public sealed record SnapshotCompletion
{
    [Id(0)] public required string DiskFormat { get; init; }
    [Id(1)] public required string ContainerFormat { get; init; }
    [Id(2)] public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
