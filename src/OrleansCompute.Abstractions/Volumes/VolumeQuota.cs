namespace OrleansCompute.Volumes;

/// <summary>An amount of the block storage quota: volumes, gigabytes and snapshots (a claim, a usage or a limit).</summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeQuotaAmount")]
public sealed record VolumeQuotaAmount(
    [property: Id(0)] int Volumes,
    [property: Id(1)] int Gigabytes,
    [property: Id(2)] int Snapshots)
{
    public static readonly VolumeQuotaAmount None = new(0, 0, 0);

    public VolumeQuotaAmount Plus(VolumeQuotaAmount other) => new(Volumes + other.Volumes, Gigabytes + other.Gigabytes, Snapshots + other.Snapshots);

    public VolumeQuotaAmount Minus(VolumeQuotaAmount other) =>
        new(Math.Max(0, Volumes - other.Volumes), Math.Max(0, Gigabytes - other.Gigabytes), Math.Max(0, Snapshots - other.Snapshots));
}

/// <summary>One project's block storage limits (-1 unlimited) and usage.</summary>
[GenerateSerializer, Immutable, Alias("compute.VolumeQuotaSet")]
public sealed record VolumeQuotaSet(
    [property: Id(0)] VolumeQuotaAmount Limits,
    [property: Id(1)] VolumeQuotaAmount InUse);
