using Microsoft.Extensions.Logging;
using OrleansCompute.Identity;

namespace OrleansCompute.Volumes;

/// <summary>
/// One volume: the single writer of its record. Every change is committed (grain state, then the index row) before
/// the call answers; backend work (create, delete, extend) runs in the background on the grain's scheduler and ends
/// in a second commit. A reminder stays registered while such work is in flight, so that a restart resumes it.
/// </summary>
[GrainType("compute-volume")]
internal sealed partial class VolumeGrain(
    [PersistentState("volume", ComputeStorage.ProviderName)] IPersistentState<VolumeState> state,
    IVolumeIndex index,
    IVolumeBackend backend,
    ComputeClock clock,
    ILogger<VolumeGrain> logger) : Grain, IVolumeGrain, IRemindable, IDisposable
{
    private const string ResumeReminder = "volume-resume";

    private readonly VolumeGate _gate = new();
    private ResumableWork? _work;

    private Guid Id => this.GetPrimaryKey();

    private VolumeRecord? Current => state.State.Volume is { Deleted: false } volume ? volume : null;

    public void Dispose() => _gate.Dispose();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResumeWork();
        return Task.CompletedTask;
    }

    public async Task<VolumeRecord> CreateAsync(CreateVolumeCommand command)
    {
        return await _gate.RunAsync(async () =>
        {
            if (state.State.Volume is { } existing)
            {
                return Visible(existing, command.Caller);
            }

            await Quota(command.Caller.ProjectId).ClaimAsync(new VolumeQuotaAmount(1, command.Size, 0));
            var now = clock.UtcNow;
            var volume = new VolumeRecord
            {
                Id = Id,
                ProjectId = command.Caller.ProjectId,
                UserId = command.Caller.UserId,
                Name = command.Name,
                Description = command.Description,
                Size = command.Size,
                Status = VolumeStatus.Creating,
                AvailabilityZone = command.AvailabilityZone,
                SnapshotId = command.SnapshotId,
                SourceVolumeId = command.SourceVolumeId,
                ImageId = command.ImageId,
                Bootable = command.Bootable,
                Metadata = command.Metadata,
                ImageMetadata = command.ImageMetadata,
                CreatedAt = now,
            };
            try
            {
                await CommitAsync(volume, touch: false);
            }
            catch
            {
                await Quota(command.Caller.ProjectId).ReleaseAsync(new VolumeQuotaAmount(1, command.Size, 0));
                throw;
            }

            ResumeWork();
            return state.State.Volume!;
        });
    }

    public Task<VolumeRecord> GetAsync(CallerContext caller) => Task.FromResult(Visible(caller));

    public Task<VolumeRecord> UpdateAsync(CallerContext caller, VolumeUpdate update) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        if (volume.Status == VolumeStatus.Maintenance)
        {
            throw VolumeFaults.InvalidVolume("Volume status must not be maintenance to update.");
        }

        await CommitAsync(volume with
        {
            Name = update.SetName ? update.Name : volume.Name,
            Description = update.SetDescription ? update.Description : volume.Description,
            Metadata = VolumeMetadata.Apply(volume.Metadata, update),
        });
        return state.State.Volume!;
    });

    public Task DeleteAsync(CallerContext caller) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        if (!VolumeStatus.Deletable.Contains(volume.Status) || volume.AttachStatus == AttachmentStatus.Attached || volume.SnapshotIds.Count > 0)
        {
            throw VolumeFaults.InvalidVolume(
                "Volume status must be available or error or error_restoring or error_extending or error_managing and must not be " +
                "migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.");
        }

        await CommitAsync(volume with { Status = VolumeStatus.Deleting });
        ResumeWork();
    });

    public Task ExtendAsync(CallerContext caller, int newSize, bool allowInUse) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        var inUseAllowed = allowInUse && volume.Status == VolumeStatus.InUse;
        if (volume.Status != VolumeStatus.Available && !inUseAllowed)
        {
            throw VolumeFaults.InvalidVolume(
                allowInUse ? "Volume status must be 'available' or 'in-use' to extend, currently " + volume.Status + "."
                           : "Volume status must be 'available' to extend, currently " + volume.Status + ".");
        }

        if (newSize <= volume.Size)
        {
            throw Faults.ComputeFaultException.BadRequest($"New size for extend must be greater than current size. (current: {volume.Size}, extended: {newSize}).");
        }

        await Quota(volume.ProjectId).ClaimAsync(new VolumeQuotaAmount(0, newSize - volume.Size, 0));
        state.State.ExtendingTo = newSize;
        state.State.StatusBeforeExtend = volume.Status;
        await CommitAsync(volume with { Status = VolumeStatus.Extending });
        ResumeWork();
    });

    public Task ResetStatusAsync(CallerContext caller, string? status, string? attachStatus) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        var attachments = attachStatus == AttachmentStatus.Detached ? [] : volume.Attachments;
        var next = status ?? volume.Status;
        if (next == VolumeStatus.InUse && attachments.Count == 0)
        {
            throw VolumeFaults.InvalidVolume("Volume status must be available to be set to in-use without attachments.");
        }

        await CommitAsync(volume with { Status = next, Attachments = attachments });
    });

    public Task<VolumeAttachment> ReserveAsync(CallerContext caller, AttachmentRequest request) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        if (volume.Attachments.FirstOrDefault(a => a.Id == request.AttachmentId) is { } known)
        {
            return known;
        }

        if (volume.Status.Contains("error", StringComparison.Ordinal))
        {
            throw VolumeFaults.InvalidVolume($"Volume {volume.Id} status must be available or downloading to reserve, but the current status is {volume.Status}.");
        }

        // Live migration's second attachment: the same server may reserve an in-use volume again.
        var sameServer = request.ServerId is { } server && volume.Status is VolumeStatus.InUse or VolumeStatus.Reserved
            && volume.Attachments.Any(a => a.ServerId == server);
        if (volume.Status != VolumeStatus.Available && !sameServer)
        {
            throw VolumeFaults.InvalidVolume($"Volume {volume.Id} status must be available or downloading to reserve, but the current status is {volume.Status}.");
        }

        var attachment = new VolumeAttachment { Id = request.AttachmentId, ServerId = request.ServerId, Status = AttachmentStatus.Reserved, Mode = request.Mode ?? "null" };
        var status = sameServer ? volume.Status : VolumeStatus.Reserved;
        if (request.Connector is { } connector)
        {
            attachment = Connected(attachment, connector);
            status = sameServer ? volume.Status : VolumeStatus.Attaching;
        }

        await CommitAsync(volume with { Status = status, Attachments = [.. volume.Attachments, attachment] });
        if (request.ServerId is not null)
        {
            // A reservation whose server never finishes its attach (a crash) is settled by this reminder.
            await Work.KeepReminderAsync();
        }

        return attachment;
    });

    public Task<VolumeAttachment> ConnectAsync(CallerContext caller, Guid attachmentId, AttachmentConnector connector) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        var attachment = volume.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw VolumeFaults.AttachmentNotFound(attachmentId);
        if (volume.Status.Contains("error", StringComparison.Ordinal))
        {
            throw Faults.ComputeFaultException.Conflict($"Conflict: the volume {volume.Id} is in error.");
        }

        if (attachment.Status == AttachmentStatus.Attached)
        {
            return attachment;
        }

        var connected = Connected(attachment, connector);
        await backend.ConnectAsync(volume, connected, CancellationToken.None);
        var status = volume.Status is VolumeStatus.InUse ? volume.Status : VolumeStatus.Attaching;
        await CommitAsync(volume with { Status = status, Attachments = Replace(volume.Attachments, connected) });
        return connected;
    });

    public Task CompleteAsync(CallerContext caller, Guid attachmentId) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        var attachment = volume.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw VolumeFaults.AttachmentNotFound(attachmentId);
        if (attachment.Status == AttachmentStatus.Attached && volume.Status == VolumeStatus.InUse)
        {
            return;
        }

        var attached = attachment with { Status = AttachmentStatus.Attached, AttachedAt = attachment.AttachedAt ?? clock.UtcNow };
        await CommitAsync(volume with { Status = VolumeStatus.InUse, Attachments = Replace(volume.Attachments, attached) });
    });

    public Task<IReadOnlyList<VolumeAttachment>> RemoveAttachmentAsync(CallerContext caller, Guid attachmentId) =>
        _gate.RunAsync(() => RemoveAttachmentCoreAsync(Visible(caller), attachmentId));

    public Task<VolumeRecord> AddSnapshotAsync(CallerContext caller, Guid snapshotId, bool force) => _gate.RunAsync(async () =>
    {
        var volume = Visible(caller);
        if (volume.SnapshotIds.Contains(snapshotId))
        {
            return volume;
        }

        if (volume.Status != VolumeStatus.Available && !(force && volume.Status == VolumeStatus.InUse))
        {
            throw VolumeFaults.InvalidVolume($"Volume {volume.Id} status must be available, but current status is: {volume.Status}.");
        }

        await CommitAsync(volume with { SnapshotIds = [.. volume.SnapshotIds, snapshotId] });
        return state.State.Volume!;
    });

    public Task RemoveSnapshotAsync(Guid snapshotId) => _gate.RunAsync(async () =>
    {
        if (Current is { } volume && volume.SnapshotIds.Contains(snapshotId))
        {
            await CommitAsync(volume with { SnapshotIds = [.. volume.SnapshotIds.Where(id => id != snapshotId)] });
        }
    });

    public Task ResumeAsync() => SettleReservationsAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        ResumeWork();
        await SettleReservationsAsync();
        if (!HasWorkInFlight())
        {
            await Work.ClearReminderAsync();
        }
    }

    private async Task<IReadOnlyList<VolumeAttachment>> RemoveAttachmentCoreAsync(VolumeRecord volume, Guid attachmentId)
    {
        if (volume.Attachments.All(a => a.Id != attachmentId))
        {
            return volume.Attachments;
        }

        var remaining = volume.Attachments.Where(a => a.Id != attachmentId).ToList();
        var status = volume.Status is VolumeStatus.Reserved or VolumeStatus.Attaching or VolumeStatus.InUse or VolumeStatus.Detaching or VolumeStatus.Available
            ? StatusFromAttachments(remaining)
            : volume.Status;
        await CommitAsync(volume with { Status = status, Attachments = remaining });
        return remaining;
    }

    /// <summary>Cinder recomputes a volume's status from its remaining attachments: the furthest along wins.</summary>
    private static string StatusFromAttachments(IReadOnlyList<VolumeAttachment> attachments) =>
        attachments.Any(a => a.Status == AttachmentStatus.Attached) ? VolumeStatus.InUse
        : attachments.Any(a => a.Status == AttachmentStatus.Attaching) ? VolumeStatus.Attaching
        : attachments.Any(a => a.Status == AttachmentStatus.Reserved) ? VolumeStatus.Reserved
        : VolumeStatus.Available;

    private VolumeAttachment Connected(VolumeAttachment attachment, AttachmentConnector connector) => attachment with
    {
        Status = AttachmentStatus.Attaching,
        HostName = connector.Host,
        Device = connector.Mountpoint ?? "na",
        Mode = attachment.Mode != "null" ? attachment.Mode : connector.Mode ?? "rw",
        AttachedAt = clock.UtcNow,
        Connected = true,
    };

    private static IReadOnlyList<VolumeAttachment> Replace(IReadOnlyList<VolumeAttachment> attachments, VolumeAttachment changed) =>
        [.. attachments.Select(a => a.Id == changed.Id ? changed : a)];

    private VolumeRecord Visible(CallerContext caller) =>
        Current is { } volume ? Visible(volume, caller) : throw VolumeFaults.VolumeNotFound(Id);

    private VolumeRecord Visible(VolumeRecord volume, CallerContext caller) =>
        !volume.Deleted && caller.CanSee(volume.ProjectId) ? volume : throw VolumeFaults.VolumeNotFound(Id);

    /// <summary>Writes the grain state, then the index row, before the call answers.</summary>
    private async Task CommitAsync(VolumeRecord next, bool touch = true)
    {
        var revised = next with { Revision = (state.State.Volume?.Revision ?? 0) + 1, UpdatedAt = touch ? clock.UtcNow : next.UpdatedAt };
        state.State.Volume = revised;
        await state.WriteStateAsync();
        await index.UpsertAsync(revised);
    }

    private IVolumeQuotaGrain Quota(string projectId) => GrainFactory.GetGrain<IVolumeQuotaGrain>(projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {VolumeId}: backend {Operation} failed: {Reason}")]
    private static partial void LogBackendFailed(ILogger logger, Guid volumeId, string operation, string reason);
}
