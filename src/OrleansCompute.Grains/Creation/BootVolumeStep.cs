using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Volumes;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 5 (boot from volume): for each granted member, the volumes its block device mappings make are created
/// through their volume grains (Cinder's quota applies) and awaited until available, then every mapped volume is
/// reserved for the server, as Nova's API reserves before the compute attaches. The server grain finishes each
/// attach from the intent its create records. Ids derive from the server id, so a repeat finds the same volumes.
/// Undone by <see cref="ReleaseAsync"/>: the reservations go and the volumes the step made are deleted, as Nova's
/// cleanup of a failed build does.
/// </summary>
internal static class BootVolumeStep
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxPolls = 600;

    public static async Task PrepareAsync(IGrainFactory grains, CreateServerCommand template, IReadOnlyList<Guid> serverIds)
    {
        foreach (var serverId in serverIds)
        {
            foreach (var mapping in template.BootVolumes)
            {
                var volume = grains.GetGrain<IVolumeGrain>(mapping.VolumeIdFor(serverId));
                if (mapping.Create is { } create)
                {
                    await CreateAsync(volume, create);
                }

                await volume.ReserveAsync(template.Caller, new AttachmentRequest { AttachmentId = mapping.AttachmentIdFor(serverId), ServerId = serverId });
            }
        }
    }

    public static async Task ReleaseAsync(IGrainFactory grains, CreateServerCommand template, IReadOnlyList<Guid> serverIds)
    {
        foreach (var serverId in serverIds)
        {
            foreach (var mapping in template.BootVolumes)
            {
                var volume = grains.GetGrain<IVolumeGrain>(mapping.VolumeIdFor(serverId));
                await IgnoringFaultsAsync(() => volume.RemoveAttachmentAsync(template.Caller, mapping.AttachmentIdFor(serverId)));
                if (mapping.Create is not null)
                {
                    await IgnoringFaultsAsync(() => volume.DeleteAsync(template.Caller));
                }
            }
        }
    }

    private static async Task CreateAsync(IVolumeGrain volume, CreateVolumeCommand create)
    {
        try
        {
            await volume.CreateAsync(create);
        }
        catch (ComputeFaultException overQuota) when (overQuota.StatusCode == 413)
        {
            // Nova turns Cinder's over-quota into its own VolumeLimitExceeded (403).
            throw ComputeFaultException.Forbidden("Volume resource quota exceeded");
        }

        // Nova's compute waits for the new volume (block_device_allocate_retries) before it attaches it.
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            var record = await volume.GetAsync(create.Caller);
            if (record.Status == VolumeStatus.Available)
            {
                return;
            }

            if (record.Status != VolumeStatus.Creating)
            {
                throw ComputeFaultException.BadRequest($"Volume {record.Id} did not finish being created even after we waited {poll * PollInterval.TotalSeconds:0} seconds or {poll + 1} attempts. And its status is {record.Status}.");
            }

            await Task.Delay(PollInterval);
        }

        throw ComputeFaultException.BadRequest($"Volume did not finish being created even after we waited {MaxPolls * PollInterval.TotalSeconds:0} seconds or {MaxPolls} attempts. And its status is creating.");
    }

    private static async Task IgnoringFaultsAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ComputeFaultException)
        {
            // Never made, already gone, or not in a status to undo: nothing of this create is left to give back.
        }
    }
}
