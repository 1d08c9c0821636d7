using Microsoft.Extensions.Logging;
using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>
/// One volume snapshot. Its create asks the volume first (status check, and the volume records the snapshot so it
/// cannot be deleted under it), then charges the quota and commits <c>creating</c>; the backend finishes it in the
/// background. The volume never calls its snapshots, so the two never wait on each other.
/// </summary>
[GrainType("compute-volume-snapshot")]
internal sealed partial class VolumeSnapshotGrain(
    [PersistentState("volume-snapshot", ComputeStorage.ProviderName)] IPersistentState<VolumeSnapshotState> state,
    IVolumeIndex index,
    IVolumeBackend backend,
    ComputeClock clock,
    ILogger<VolumeSnapshotGrain> logger) : Grain, IVolumeSnapshotGrain, IRemindable, IDisposable
{
    private const string ResumeReminder = "snapshot-resume";

    private readonly VolumeGate _gate = new();
    private ResumableWork? _work;

    private Guid Id => this.GetPrimaryKey();

    private VolumeSnapshotRecord? Current => state.State.Snapshot is { Deleted: false } snapshot ? snapshot : null;

    public void Dispose() => _gate.Dispose();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResumeWork();
        return Task.CompletedTask;
    }

    public Task<VolumeSnapshotRecord> CreateAsync(CreateVolumeSnapshotCommand command) => _gate.RunAsync(async () =>
    {
        if (state.State.Snapshot is { } existing)
        {
            return Visible(existing, command.Caller);
        }

        var volumeGrain = GrainFactory.GetGrain<IVolumeGrain>(command.VolumeId);
        var volume = await volumeGrain.AddSnapshotAsync(command.Caller, Id, command.Force);
        try
        {
            await Quota(command.Caller.ProjectId).ClaimAsync(new VolumeQuotaAmount(0, volume.Size, 1));
        }
        catch
        {
            await volumeGrain.RemoveSnapshotAsync(Id);
            throw;
        }

        await CommitAsync(new VolumeSnapshotRecord
        {
            Id = Id,
            VolumeId = command.VolumeId,
            ProjectId = command.Caller.ProjectId,
            UserId = command.Caller.UserId,
            Name = command.Name,
            Description = command.Description,
            Size = volume.Size,
            Status = VolumeStatus.Creating,
            Metadata = command.Metadata,
            Bootable = volume.Bootable,
            CreatedAt = clock.UtcNow,
        }, touch: false);
        ResumeWork();
        return state.State.Snapshot!;
    });

    public Task<VolumeSnapshotRecord> GetAsync(CallerContext caller) => Task.FromResult(Visible(caller));

    public Task<VolumeSnapshotRecord> UpdateAsync(CallerContext caller, VolumeUpdate update) => _gate.RunAsync(async () =>
    {
        var snapshot = Visible(caller);
        await CommitAsync(snapshot with
        {
            Name = update.SetName ? update.Name : snapshot.Name,
            Description = update.SetDescription ? update.Description : snapshot.Description,
            Metadata = update.Metadata ?? snapshot.Metadata,
        });
        return state.State.Snapshot!;
    });

    public Task DeleteAsync(CallerContext caller) => _gate.RunAsync(async () =>
    {
        var snapshot = Visible(caller);
        if (snapshot.Status is not (VolumeStatus.Available or VolumeStatus.Error))
        {
            throw VolumeFaults.InvalidSnapshot("Snapshot status must be available or error and must not be part of a group.");
        }

        await CommitAsync(snapshot with { Status = VolumeStatus.Deleting });
        ResumeWork();
    });

    public Task ResetStatusAsync(CallerContext caller, string status) => _gate.RunAsync(async () =>
        await CommitAsync(Visible(caller) with { Status = status }));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ResumeWork();
        return Task.CompletedTask;
    }

    /// <summary>The reminder goes once a piece of work ended: a snapshot has one piece in flight at most.</summary>
    private ResumableWork Work => _work ??= new(this, ResumeReminder, NextWork, () => false, exception => LogWorkFailed(logger, Id, exception.Message));

    private void ResumeWork() => Work.Resume();

    private Func<Task>? NextWork() => state.State.Snapshot switch
    {
        null => null,
        { Deleted: true } when !state.State.QuotaReleased => ReleaseAsync,
        { Deleted: false, Status: VolumeStatus.Creating } => FinishCreateAsync,
        { Deleted: false, Status: VolumeStatus.Deleting } => FinishDeleteAsync,
        _ => null,
    };

    private async Task FinishCreateAsync()
    {
        var made = await BackendAsync(snapshot => backend.SnapshotAsync(snapshot, CancellationToken.None));
        await _gate.RunAsync(async () =>
        {
            if (Current is { Status: VolumeStatus.Creating } snapshot)
            {
                await CommitAsync(made ? snapshot with { Status = VolumeStatus.Available, Progress = "100%" } : snapshot with { Status = VolumeStatus.Error });
            }
        });
    }

    private async Task FinishDeleteAsync()
    {
        var deleted = await BackendAsync(snapshot => backend.DeleteSnapshotAsync(snapshot, CancellationToken.None));
        if (deleted)
        {
            // The volume forgets the snapshot before the snapshot shows as gone, as Cinder's one database makes
            // them agree: a client that saw the 404 may delete the volume at once. A failure here leaves the
            // snapshot deleting, and its reminder runs this again (both calls are idempotent).
            await GrainFactory.GetGrain<IVolumeGrain>(state.State.Snapshot!.VolumeId).RemoveSnapshotAsync(Id);
        }

        await _gate.RunAsync(async () =>
        {
            if (Current is { Status: VolumeStatus.Deleting } snapshot)
            {
                await CommitAsync(deleted ? snapshot with { Status = "deleted", Deleted = true } : snapshot with { Status = VolumeStatus.ErrorDeleting });
            }
        });
        if (deleted)
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Gives back the quota and tells the volume it has one snapshot less (both idempotent).</summary>
    private async Task ReleaseAsync()
    {
        var snapshot = state.State.Snapshot!;
        await GrainFactory.GetGrain<IVolumeGrain>(snapshot.VolumeId).RemoveSnapshotAsync(Id);
        await Quota(snapshot.ProjectId).ReleaseAsync(new VolumeQuotaAmount(0, snapshot.Size, 1));
        state.State.QuotaReleased = true;
        await state.WriteStateAsync();
    }

    private async Task<bool> BackendAsync(Func<VolumeSnapshotRecord, Task> run)
    {
        try
        {
            await run(state.State.Snapshot!);
            return true;
        }
        catch (VolumeBackendException failure)
        {
            LogWorkFailed(logger, Id, failure.Message);
            return false;
        }
    }

    private VolumeSnapshotRecord Visible(CallerContext caller) =>
        Current is { } snapshot ? Visible(snapshot, caller) : throw VolumeFaults.SnapshotNotFound(Id);

    private VolumeSnapshotRecord Visible(VolumeSnapshotRecord snapshot, CallerContext caller) =>
        !snapshot.Deleted && caller.CanSee(snapshot.ProjectId) ? snapshot : throw VolumeFaults.SnapshotNotFound(Id);

    private async Task CommitAsync(VolumeSnapshotRecord next, bool touch = true)
    {
        var revised = next with { Revision = (state.State.Snapshot?.Revision ?? 0) + 1, UpdatedAt = touch ? clock.UtcNow : next.UpdatedAt };
        state.State.Snapshot = revised;
        await state.WriteStateAsync();
        await index.UpsertAsync(revised);
    }

    private IVolumeQuotaGrain Quota(string projectId) => GrainFactory.GetGrain<IVolumeQuotaGrain>(projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume snapshot {SnapshotId}: backend work failed: {Reason}")]
    private static partial void LogWorkFailed(ILogger logger, Guid snapshotId, string reason);
}
