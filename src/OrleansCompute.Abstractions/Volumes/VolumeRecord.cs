namespace OrleansCompute.Volumes;

/// <summary>
/// Everything the block storage API shows about one volume, owned by its volume grain: its reply to a read and the
/// payload of its index row. Property ids are the wire contract: only append.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeRecord")]
public sealed record VolumeRecord
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public required string UserId { get; init; }
    [Id(3)] public string? Name { get; init; }
    [Id(4)] public string? Description { get; init; }
    [Id(5)] public required int Size { get; init; }
    [Id(6)] public required string Status { get; init; }
    [Id(7)] public string AvailabilityZone { get; init; } = "nova";
    [Id(8)] public string VolumeType { get; init; } = VolumeTypes.DefaultName;
    [Id(9)] public Guid? SnapshotId { get; init; }
    [Id(10)] public Guid? SourceVolumeId { get; init; }
    [Id(11)] public string? ImageId { get; init; }
    [Id(12)] public bool Bootable { get; init; }
    [Id(13)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(14)] public IReadOnlyList<VolumeAttachment> Attachments { get; init; } = [];
    /// <summary>The snapshots made of this volume and not deleted: a volume with any cannot be deleted.</summary>
    [Id(15)] public IReadOnlyList<Guid> SnapshotIds { get; init; } = [];
    [Id(16)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(17)] public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>Raised by one on every committed change; the index keeps only the highest.</summary>
    [Id(18)] public long Revision { get; init; }
    [Id(19)] public bool Deleted { get; init; }
    /// <summary>The image properties a volume made from an image carries (<c>volume_image_metadata</c>).</summary>
    [Id(20)] public IReadOnlyDictionary<string, string>? ImageMetadata { get; init; }

    /// <summary>Cinder's attach_status: attached when any record is attached, else the furthest record's status, else detached.</summary>
    public string AttachStatus =>
        Attachments.Any(a => a.Status == AttachmentStatus.Attached) ? AttachmentStatus.Attached
        : Attachments.Any(a => a.Status == AttachmentStatus.Attaching) ? AttachmentStatus.Attaching
        : Attachments.Any(a => a.Status == AttachmentStatus.Reserved) ? AttachmentStatus.Reserved
        : AttachmentStatus.Detached;
}
