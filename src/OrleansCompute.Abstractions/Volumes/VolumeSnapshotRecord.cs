namespace OrleansCompute.Volumes;

/// <summary>One volume snapshot as its grain owns it: the reply to a read and the payload of its index row. Only append ids.</summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeSnapshotRecord")]
public sealed record VolumeSnapshotRecord
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required Guid VolumeId { get; init; }
    [Id(2)] public required string ProjectId { get; init; }
    [Id(3)] public required string UserId { get; init; }
    [Id(4)] public string? Name { get; init; }
    [Id(5)] public string? Description { get; init; }
    [Id(6)] public required int Size { get; init; }
    [Id(7)] public required string Status { get; init; }
    [Id(8)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(9)] public string Progress { get; init; } = "0%";
    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(11)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(12)] public long Revision { get; init; }
    [Id(13)] public bool Deleted { get; init; }
    /// <summary>Whether the volume it was taken from was bootable: a volume made from it is.</summary>
    [Id(14)] public bool Bootable { get; init; }
}
