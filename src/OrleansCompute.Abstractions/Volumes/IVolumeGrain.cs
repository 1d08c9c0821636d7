using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>
/// One volume, keyed by its uuid: the single writer of its status, size, metadata and attachments. Every call is
/// one API request (or one step of Nova's attach protocol); refusals are faults with Cinder's codes.
/// </summary>
[Alias("compute.IVolumeGrain")]
public interface IVolumeGrain : IGrainWithGuidKey
{
    /// <summary>Charges the quota, records the volume <c>creating</c> and starts the backend; idempotent for a repeat.</summary>
    [Alias("Create")]
    Task<VolumeRecord> CreateAsync(CreateVolumeCommand command);

    /// <summary>The volume; 404 when missing, deleted, or another project's and the caller is not admin.</summary>
    [Alias("Get")]
    Task<VolumeRecord> GetAsync(CallerContext caller);

    [Alias("Update")]
    Task<VolumeRecord> UpdateAsync(CallerContext caller, VolumeUpdate update);

    /// <summary>Starts the delete (<c>deleting</c>); 400 while attached, with snapshots, or in a status Cinder refuses.</summary>
    [Alias("Delete")]
    Task DeleteAsync(CallerContext caller);

    /// <summary><c>os-extend</c>: available (or in-use when <paramref name="allowInUse"/>, 3.42+) to a larger size.</summary>
    [Alias("Extend")]
    Task ExtendAsync(CallerContext caller, int newSize, bool allowInUse);

    /// <summary><c>os-reset_status</c> (admin): a status and/or attach status, without any backend work.</summary>
    [Alias("ResetStatus")]
    Task ResetStatusAsync(CallerContext caller, string? status, string? attachStatus);

    /// <summary>
    /// <c>os-reimage</c> (3.68): available or error, or reserved with <paramref name="reimageReserved"/> (Nova's rebuild),
    /// goes <c>downloading</c> and back; at the end the volume sends <c>volume-reimaged</c> to the servers it is reserved for.
    /// </summary>
    [Alias("Reimage")]
    Task ReimageAsync(CallerContext caller, string imageId, IReadOnlyDictionary<string, string> imageMetadata, bool reimageReserved);

    /// <summary>Reserves the volume for a server (attachment create); the same attachment id again returns the record.</summary>
    [Alias("Reserve")]
    Task<VolumeAttachment> ReserveAsync(CallerContext caller, AttachmentRequest request);

    /// <summary>Gives the connector (attachment update): the attachment and the volume become <c>attaching</c>.</summary>
    [Alias("Connect")]
    Task<VolumeAttachment> ConnectAsync(CallerContext caller, Guid attachmentId, AttachmentConnector connector);

    /// <summary><c>os-complete</c>: the attachment is attached and the volume in-use.</summary>
    [Alias("Complete")]
    Task CompleteAsync(CallerContext caller, Guid attachmentId);

    /// <summary>Removes an attachment (a missing one is nothing); the status follows the remaining ones. Returns them.</summary>
    [Alias("RemoveAttachment")]
    Task<IReadOnlyList<VolumeAttachment>> RemoveAttachmentAsync(CallerContext caller, Guid attachmentId);

    /// <summary>A snapshot of this volume is being made: checks the status Cinder requires and records it; returns the size.</summary>
    [Alias("AddSnapshot")]
    Task<VolumeRecord> AddSnapshotAsync(CallerContext caller, Guid snapshotId, bool force);

    /// <summary>A snapshot of this volume is gone (deleted, or its create failed).</summary>
    [Alias("RemoveSnapshot")]
    Task RemoveSnapshotAsync(Guid snapshotId);

    /// <summary>Wakes the grain: a create or delete left in flight by a restart resumes, a stale reservation is settled.</summary>
    [Alias("Resume")]
    Task ResumeAsync();
}
