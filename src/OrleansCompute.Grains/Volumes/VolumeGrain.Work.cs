namespace OrleansCompute.Volumes;

/// <summary>The volume's backend work: started after the commit that records it, resumed after a restart.</summary>
internal sealed partial class VolumeGrain
{
    private bool HasWorkInFlight() =>
        state.State.Volume is { } volume
        && (volume.Status is VolumeStatus.Creating or VolumeStatus.Deleting or VolumeStatus.Extending or VolumeStatus.Downloading
            || (volume.Deleted && !state.State.QuotaReleased)
            || volume.Attachments.Any(a => a.ServerId is not null && a.Status != AttachmentStatus.Attached));

    private ResumableWork Work => _work ??= new(
        this, ResumeReminder, NextWork, HasWorkInFlight, exception => LogBackendFailed(logger, Id, "work", exception.Message));

    /// <summary>Starts the work the committed status calls for, once: the status is the durable intent.</summary>
    private void ResumeWork() => Work.Resume();

    private Func<Task>? NextWork() => state.State.Volume switch
    {
        null => null,
        { Deleted: true } when !state.State.QuotaReleased => ReleaseQuotaAsync,
        { Deleted: false, Status: VolumeStatus.Creating } => FinishCreateAsync,
        { Deleted: false, Status: VolumeStatus.Deleting } => FinishDeleteAsync,
        { Deleted: false, Status: VolumeStatus.Extending } => FinishExtendAsync,
        { Deleted: false, Status: VolumeStatus.Downloading } when state.State.ReimageImageId is not null => FinishReimageAsync,
        _ => null,
    };

    private async Task FinishCreateAsync()
    {
        var status = await BackendAsync("create", volume => backend.CreateAsync(volume, CancellationToken.None)) ? VolumeStatus.Available : VolumeStatus.Error;
        await _gate.RunAsync(async () =>
        {
            if (Current is { Status: VolumeStatus.Creating } volume)
            {
                await CommitAsync(volume with { Status = status });
            }
        });
    }

    private async Task FinishDeleteAsync()
    {
        var deleted = await BackendAsync("delete", volume => backend.DeleteAsync(volume, CancellationToken.None));
        await _gate.RunAsync(async () =>
        {
            if (Current is { Status: VolumeStatus.Deleting } volume)
            {
                await CommitAsync(deleted ? volume with { Status = "deleted", Deleted = true } : volume with { Status = VolumeStatus.ErrorDeleting });
            }
        });
        if (deleted)
        {
            await ReleaseQuotaAsync();
        }
    }

    private async Task ReleaseQuotaAsync()
    {
        var volume = state.State.Volume!;
        await Quota(volume.ProjectId).ReleaseAsync(new VolumeQuotaAmount(1, volume.Size, 0));
        state.State.QuotaReleased = true;
        await state.WriteStateAsync();
    }

    private async Task FinishExtendAsync()
    {
        var target = state.State.ExtendingTo ?? Current!.Size;
        var extended = await BackendAsync("extend", volume => backend.ExtendAsync(volume, target, CancellationToken.None));
        await _gate.RunAsync(async () =>
        {
            if (Current is not { Status: VolumeStatus.Extending } volume)
            {
                return;
            }

            var before = state.State.StatusBeforeExtend ?? VolumeStatus.Available;
            state.State.ExtendingTo = null;
            state.State.StatusBeforeExtend = null;
            if (extended)
            {
                await CommitAsync(volume with { Status = before, Size = target });
                return;
            }

            await Quota(volume.ProjectId).ReleaseAsync(new VolumeQuotaAmount(0, target - volume.Size, 0));
            await CommitAsync(volume with { Status = VolumeStatus.ErrorExtending });
        });
    }

    /// <summary>Runs one backend operation on the current record; false when the backend failed it.</summary>
    private async Task<bool> BackendAsync(string operation, Func<VolumeRecord, Task> run)
    {
        try
        {
            await run(state.State.Volume!);
            return true;
        }
        catch (VolumeBackendException failure)
        {
            LogBackendFailed(logger, Id, operation, failure.Message);
            return false;
        }
    }
}
