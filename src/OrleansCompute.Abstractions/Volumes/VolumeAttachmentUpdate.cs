namespace OrleansCompute.Volumes;

/// <summary>
/// <c>PUT /servers/{id}/os-volume_attachments/{volume_id}</c> from 2.85 with the same volume: only
/// delete_on_termination changes; the other fields, when sent, must equal what the mapping has (Nova's 400).
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeAttachmentUpdate")]
public sealed record VolumeAttachmentUpdate
{
    [Id(0)] public bool? DeleteOnTermination { get; init; }
    [Id(1)] public bool DeviceGiven { get; init; }
    [Id(2)] public string? Device { get; init; }
    [Id(3)] public bool TagGiven { get; init; }
    [Id(4)] public string? Tag { get; init; }
}
