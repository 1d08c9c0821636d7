using Orleans.Concurrency;
using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>
/// The server grain's side of the volume protocols (the same grain as <c>IServerGrain</c>, keyed by the server id):
/// attach and detach, each a durable intent on the server then a call to the volume grain, resumed after a crash.
/// </summary>
[Alias("compute.IServerVolumesGrain")]
public interface IServerVolumesGrain : IGrainWithGuidKey
{
    /// <summary>Attaches the volume: 409 for a locked server or a state Nova refuses, 400 when the volume cannot be reserved.</summary>
    [Alias("AttachVolume")]
    Task<ServerVolume> AttachVolumeAsync(AttachVolumeCommand command);

    /// <summary>Detaches the volume: 404 when it is not attached to this server.</summary>
    [Alias("DetachVolume")]
    Task DetachVolumeAsync(CallerContext caller, Guid volumeId, bool allowShelved);

    /// <summary>
    /// Asked by a volume whose reservation for this server is not settled: true while the server holds (or is still
    /// making or removing) that attachment, in which case the server resumes its intent. Interleaves: it only reads.
    /// </summary>
    [Alias("HoldsVolumeAttachment")]
    [AlwaysInterleave]
    Task<bool> HoldsVolumeAttachmentAsync(Guid volumeId, Guid attachmentId);

    /// <summary>2.85+ update of an attached volume's mapping (delete_on_termination); 404 when it is not attached here.</summary>
    [Alias("UpdateVolumeAttachment")]
    Task UpdateVolumeAttachmentAsync(CallerContext caller, Guid volumeId, VolumeAttachmentUpdate update);

    /// <summary>
    /// Swap (Nova's <c>swap_volume</c>): the new volume is attached in the old one's place (same device, tag and
    /// delete_on_termination), then the old one's attachment goes. 409 for a locked server or a state Nova refuses,
    /// 400 when Cinder's volumes do not allow it, 404 when the old volume is not attached here.
    /// </summary>
    [Alias("SwapVolume")]
    Task SwapVolumeAsync(CallerContext caller, Guid oldVolumeId, Guid newVolumeId);

    /// <summary>The <c>volume-extended</c> external event (2.51): recorded as the instance action <c>extend_volume</c>.</summary>
    [Alias("VolumeExtended")]
    Task VolumeExtendedAsync(CallerContext caller, Guid volumeId);

    /// <summary>
    /// The <c>volume-reimaged</c> external event (2.93), sent by the volume when a reimage the server asked for ended:
    /// a volume-backed rebuild waiting for it goes on. Interleaves: it only hands the outcome to the waiting rebuild.
    /// </summary>
    [Alias("VolumeReimaged")]
    [AlwaysInterleave]
    Task VolumeReimagedAsync(Guid volumeId, bool succeeded);

    /// <summary>Finishes the attaches and detaches a crash interrupted.</summary>
    [Alias("ResumeVolumes")]
    Task ResumeVolumesAsync();
}
