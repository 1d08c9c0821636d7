namespace OrleansCompute.Volumes;

/// <summary>
/// One attachment of a volume, owned by the volume grain: reserved for a server (or none), connected to a host,
/// then attached. Only attached records appear in the volume's <c>attachments</c> field.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeAttachment")]
public sealed record VolumeAttachment
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public Guid? ServerId { get; init; }
    [Id(2)] public required string Status { get; init; }
    /// <summary>The device (mount point) the connector named, e.g. <c>/dev/vdb</c>.</summary>
    [Id(3)] public string? Device { get; init; }
    [Id(4)] public string? HostName { get; init; }
    [Id(5)] public DateTimeOffset? AttachedAt { get; init; }
    /// <summary><c>rw</c>, <c>ro</c>, or Cinder's literal <c>"null"</c> when no mode was given.</summary>
    [Id(6)] public string Mode { get; init; } = "null";
    /// <summary>True once a connector was given: the connection info is then shown.</summary>
    [Id(7)] public bool Connected { get; init; }
}
