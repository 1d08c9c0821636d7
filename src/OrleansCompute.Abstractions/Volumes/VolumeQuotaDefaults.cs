namespace OrleansCompute.Volumes;

/// <summary>The default block storage quota of every project (<c>Compute:Volume:Quota</c>); -1 is unlimited.</summary>
public sealed class VolumeQuotaDefaults
{
    public const string SectionName = "Compute:Volume:Quota";

    public int Volumes { get; set; } = 10;

    public int Gigabytes { get; set; } = 1000;

    public int Snapshots { get; set; } = 10;

    public VolumeQuotaAmount AsAmount() => new(Volumes, Gigabytes, Snapshots);
}
