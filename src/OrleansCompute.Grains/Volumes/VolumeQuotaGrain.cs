using Microsoft.Extensions.Options;
using OrleansCompute.Faults;

namespace OrleansCompute.Volumes;

/// <summary>One project's block storage quota: claims are checked and counted one at a time (the grain is not reentrant).</summary>
[GrainType("compute-volume-quota")]
internal sealed class VolumeQuotaGrain(
    [PersistentState("volume-quota", ComputeStorage.ProviderName)] IPersistentState<VolumeQuotaState> state,
    IOptions<VolumeQuotaDefaults> defaults) : Grain, IVolumeQuotaGrain
{
    private VolumeQuotaAmount Limits => state.State.Limits ?? defaults.Value.AsAmount();

    public async Task ClaimAsync(VolumeQuotaAmount claim)
    {
        var limits = Limits;
        var used = state.State.InUse;
        if (claim.Volumes > 0 && limits.Volumes >= 0 && used.Volumes + claim.Volumes > limits.Volumes)
        {
            throw new ComputeFaultException(413, $"VolumeLimitExceeded: Maximum number of volumes allowed ({limits.Volumes}) exceeded for quota 'volumes'.");
        }

        if (claim.Snapshots > 0 && limits.Snapshots >= 0 && used.Snapshots + claim.Snapshots > limits.Snapshots)
        {
            throw new ComputeFaultException(413, $"SnapshotLimitExceeded: Maximum number of snapshots allowed ({limits.Snapshots}) exceeded for quota 'snapshots'.");
        }

        if (claim.Gigabytes > 0 && limits.Gigabytes >= 0 && used.Gigabytes + claim.Gigabytes > limits.Gigabytes)
        {
            throw new ComputeFaultException(413,
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested {claim.Gigabytes}G, quota is {limits.Gigabytes}G and {used.Gigabytes}G has been consumed.");
        }

        state.State.InUse = used.Plus(claim);
        await state.WriteStateAsync();
    }

    public async Task ReleaseAsync(VolumeQuotaAmount amount)
    {
        state.State.InUse = state.State.InUse.Minus(amount);
        await state.WriteStateAsync();
    }

    public Task<VolumeQuotaSet> GetAsync() => Task.FromResult(new VolumeQuotaSet(Limits, state.State.InUse));

    public async Task<VolumeQuotaSet> SetLimitsAsync(int? volumes, int? gigabytes, int? snapshots)
    {
        var limits = Limits;
        var next = new VolumeQuotaAmount(volumes ?? limits.Volumes, gigabytes ?? limits.Gigabytes, snapshots ?? limits.Snapshots);
        var used = state.State.InUse;
        foreach (var (name, limit, inUse) in new[] { ("volumes", next.Volumes, used.Volumes), ("gigabytes", next.Gigabytes, used.Gigabytes), ("snapshots", next.Snapshots, used.Snapshots) })
        {
            if (limit >= 0 && limit < inUse)
            {
                throw ComputeFaultException.BadRequest($"Quota limit invalid for project '{this.GetPrimaryKeyString()}' for resource '{name}': limit of {limit} must be greater than or equal to already used and reserved {inUse}.");
            }
        }

        state.State.Limits = next;
        await state.WriteStateAsync();
        return new VolumeQuotaSet(next, used);
    }

    public async Task ResetLimitsAsync()
    {
        state.State.Limits = null;
        await state.WriteStateAsync();
    }
}
