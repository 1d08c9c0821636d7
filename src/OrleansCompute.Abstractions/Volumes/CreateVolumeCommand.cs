using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>
/// A volume create after the API's validation: the size is final (at least the source's), and a source named
/// here was seen by the API in a state Cinder accepts. Exactly one of the sources, or none (a blank volume).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.CreateVolumeCommand")]
public sealed record CreateVolumeCommand
{
    [Id(0)] public required CallerContext Caller { get; init; }
    [Id(1)] public required int Size { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public string AvailabilityZone { get; init; } = "nova";
    [Id(5)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(6)] public Guid? SnapshotId { get; init; }
    [Id(7)] public Guid? SourceVolumeId { get; init; }
    [Id(8)] public string? ImageId { get; init; }
    [Id(9)] public bool Bootable { get; init; }
    [Id(10)] public IReadOnlyDictionary<string, string>? ImageMetadata { get; init; }
}
