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

    /// <summary>Finishes the attaches and detaches a crash interrupted.</summary>
    [Alias("ResumeVolumes")]
    Task ResumeVolumesAsync();
}
