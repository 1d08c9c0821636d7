namespace OrleansCompute.Volumes;

/// <summary>
/// One project's block storage quota, keyed by project id: serialises the claims of its volumes and snapshots.
/// It calls no other grain, so the volume and snapshot grains may call it inside their own turns.
/// </summary>
[Alias("compute.IVolumeQuotaGrain")]
public interface IVolumeQuotaGrain : IGrainWithStringKey
{
    /// <summary>Adds the claim to the usage, or throws 413 naming the first quota it would exceed.</summary>
    [Alias("Claim")]
    Task ClaimAsync(VolumeQuotaAmount claim);

    /// <summary>Gives back a claim (never below zero).</summary>
    [Alias("Release")]
    Task ReleaseAsync(VolumeQuotaAmount amount);

    [Alias("Get")]
    Task<VolumeQuotaSet> GetAsync();

    /// <summary>Sets the given limits (null keeps one); 400 when a limit is below the usage.</summary>
    [Alias("SetLimits")]
    Task<VolumeQuotaSet> SetLimitsAsync(int? volumes, int? gigabytes, int? snapshots);

    /// <summary>Back to the configured defaults.</summary>
    [Alias("ResetLimits")]
    Task ResetLimitsAsync();
}
