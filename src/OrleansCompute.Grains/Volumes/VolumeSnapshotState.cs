namespace OrleansCompute.Volumes;

/// <summary>The persisted snapshot: null before its create; kept (marked deleted) after its delete.</summary>
[GenerateSerializer, Alias("compute.VolumeSnapshotState")]
public sealed class VolumeSnapshotState
{
    [Id(0)] public VolumeSnapshotRecord? Snapshot { get; set; }

    [Id(1)] public bool QuotaReleased { get; set; }
}
