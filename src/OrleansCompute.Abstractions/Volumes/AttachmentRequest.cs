namespace OrleansCompute.Volumes;

/// <summary>
/// A reservation of a volume for a server (Cinder's attachment create). The attachment id is the caller's, so a
/// repeated request (a retry, or a resumed intent after a crash) finds the same record instead of making a second.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.AttachmentRequest")]
public sealed record AttachmentRequest
{
    [Id(0)] public required Guid AttachmentId { get; init; }
    [Id(1)] public Guid? ServerId { get; init; }
    [Id(2)] public string? Mode { get; init; }
    /// <summary>A connector given with the create connects at once (the attachment becomes attaching).</summary>
    [Id(3)] public AttachmentConnector? Connector { get; init; }
}

/// <summary>The part of an os-brick connector this service keeps: the host and the mount point.</summary>
[GenerateSerializer, Immutable, Alias("compute.AttachmentConnector")]
public sealed record AttachmentConnector
{
    [Id(0)] public string? Host { get; init; }
    [Id(1)] public string? Mountpoint { get; init; }
    [Id(2)] public string? Mode { get; init; }
}
