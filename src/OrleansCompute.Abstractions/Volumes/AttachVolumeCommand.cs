using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>An attach (<c>POST /servers/{id}/os-volume_attachments</c>) after the API's schema and volume look-up.</summary>
[GenerateSerializer, Immutable, Alias("compute.AttachVolumeCommand")]
public sealed record AttachVolumeCommand
{
    [Id(0)] public required CallerContext Caller { get; init; }
    [Id(1)] public required Guid VolumeId { get; init; }
    [Id(2)] public string? Device { get; init; }
    [Id(3)] public string? Tag { get; init; }
    [Id(4)] public bool DeleteOnTermination { get; init; }
    /// <summary>2.20+: shelved and shelved-offloaded servers accept attach and detach.</summary>
    [Id(5)] public bool AllowShelved { get; init; }
}
