namespace OrleansCompute.Volumes;

/// <summary>
/// A volume on a server (Nova's block device mapping), owned by the server grain: its side of the attach protocol.
/// Written <c>attaching</c> before the volume is reserved and <c>detaching</c> before the attachment is removed, so a
/// crash in between is resumed from it; only <c>attached</c> ones are shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.ServerVolume")]
public sealed record ServerVolume
{
    public const string Attaching = "attaching";
    public const string Attached = "attached";
    public const string Detaching = "detaching";

    [Id(0)] public required Guid VolumeId { get; init; }
    /// <summary>The Cinder attachment id the server chose (so a resumed reserve finds the same record).</summary>
    [Id(1)] public required Guid AttachmentId { get; init; }
    [Id(2)] public required string Device { get; init; }
    [Id(3)] public string? Tag { get; init; }
    [Id(4)] public bool DeleteOnTermination { get; init; }
    [Id(5)] public required string State { get; init; }

    /// <summary>
    /// The attachment that replaces this one while a swap (another volume) or a root reimage (this volume again) is
    /// in flight: written before it is reserved, so the volume's settling and a resume after a crash find it.
    /// </summary>
    [Id(6)] public Guid? NextVolumeId { get; init; }
    [Id(7)] public Guid? NextAttachmentId { get; init; }

    /// <summary>Whether this mapping holds the Cinder attachment, as its own or as the one replacing it.</summary>
    public bool Holds(Guid volumeId, Guid attachmentId) =>
        (VolumeId == volumeId && AttachmentId == attachmentId) || (NextVolumeId == volumeId && NextAttachmentId == attachmentId);
}
