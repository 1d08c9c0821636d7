namespace OrleansCompute.Volumes;

/// <summary>A project's block storage quota: its own limits (null: the configured defaults) and its usage.</summary>
[GenerateSerializer, Alias("compute.VolumeQuotaState")]
public sealed class VolumeQuotaState
{
    [Id(0)] public VolumeQuotaAmount? Limits { get; set; }

    [Id(1)] public VolumeQuotaAmount InUse { get; set; } = VolumeQuotaAmount.None;
}
