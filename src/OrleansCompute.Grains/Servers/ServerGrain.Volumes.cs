using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Volumes;

namespace OrleansCompute.Servers;

/// <summary>
/// The server's side of attach and detach. The server writes its intent first (<c>attaching</c> with the Cinder
/// attachment id it chose, or <c>detaching</c>), then drives the volume grain (reserve, connect, complete; or remove),
/// then commits the end. A crash in between leaves the intent: the server resumes it when it activates, and a
/// volume left reserved asks the server (<see cref="HoldsVolumeAttachmentAsync"/>), which releases what the server
/// never meant. Only attached volumes are shown, so a server never shows a volume that is not in-use.
/// </summary>
internal sealed partial class ServerGrain : IServerVolumesGrain
{
    private static readonly string[] AttachableStates =
        [VmState.Active, VmState.Paused, VmState.Stopped, VmState.Resized, VmState.SoftDeleted, VmState.Shelved, VmState.ShelvedOffloaded];

    private bool _resumingVolumes;

    public async Task<ServerVolume> AttachVolumeAsync(AttachVolumeCommand command)
    {
        var caller = command.Caller;
        var attachmentId = Guid.NewGuid();
        ServerVolume? intent = null;
        await CommitAsync(
            s =>
            {
                EnsureVolumeChangeAllowed(s, caller, "attach_volume", command.AllowShelved);
                if (s.Volumes.Any(v => v.VolumeId == command.VolumeId))
                {
                    throw ComputeFaultException.BadRequest($"Invalid volume: volume {command.VolumeId} already attached");
                }

                intent = new ServerVolume
                {
                    VolumeId = command.VolumeId,
                    AttachmentId = attachmentId,
                    Device = NextDevice(s, command.Device),
                    Tag = command.Tag,
                    DeleteOnTermination = command.DeleteOnTermination,
                    State = ServerVolume.Attaching,
                };
                return s with { Volumes = [.. s.Volumes, intent] };
            },
            state.State.Pending,
            s => StartAction(s, "attach_volume", "compute_attach_volume", caller, clock.UtcNow));
        try
        {
            await CompleteAttachAsync(intent!);
        }
        catch (ComputeFaultException refused)
        {
            // The volume refused (not available, gone): the intent goes, and the action records the error.
            await CommitAsync(
                s => s with { Volumes = [.. s.Volumes.Where(v => v.AttachmentId != attachmentId)] },
                state.State.Pending,
                s => FinishAction(s, caller.RequestId, refused.Message));
            throw;
        }

        await CommitAsync(s => WithVolumeState(s, attachmentId, ServerVolume.Attached), state.State.Pending, s => FinishAction(s, caller.RequestId, error: null));
        return intent! with { State = ServerVolume.Attached };
    }

    public async Task DetachVolumeAsync(CallerContext caller, Guid volumeId, bool allowShelved)
    {
        ServerVolume? detaching = null;
        await CommitAsync(
            s =>
            {
                EnsureVolumeChangeAllowed(s, caller, "detach_volume", allowShelved);
                detaching = s.Volumes.FirstOrDefault(v => v.VolumeId == volumeId && v.State == ServerVolume.Attached)
                    ?? throw ComputeFaultException.NotFound($"Volume {volumeId} is not attached to instance {Id}.");
                return WithVolumeState(s, detaching.AttachmentId, ServerVolume.Detaching);
            },
            state.State.Pending,
            s => StartAction(s, "detach_volume", "compute_detach_volume", caller, clock.UtcNow));
        await CompleteDetachAsync(detaching!);
        await CommitAsync(
            s => s with { Volumes = [.. s.Volumes.Where(v => v.AttachmentId != detaching!.AttachmentId)] },
            state.State.Pending,
            s => FinishAction(s, caller.RequestId, error: null));
    }

    public Task<bool> HoldsVolumeAttachmentAsync(Guid volumeId, Guid attachmentId)
    {
        var held = _live is { Deleted: false } server && server.Volumes.Any(v => v.Holds(volumeId, attachmentId));
        if (held && _live!.Volumes.Any(NeedsResume))
        {
            // Resume in a turn of its own: this call interleaves and must not change state.
            GrainFactory.GetGrain<IServerVolumesGrain>(Id).ResumeVolumesAsync().Ignore();
        }

        return Task.FromResult(held);
    }

    public async Task ResumeVolumesAsync()
    {
        if (_resumingVolumes || _live is null)
        {
            return;
        }

        _resumingVolumes = true;
        try
        {
            foreach (var volume in _live.Volumes.Where(NeedsResume).ToList())
            {
                if (IsSwapping(volume) && !_live.Deleted)
                {
                    await ResumeSwapAsync(volume);
                    continue;
                }

                await ResumeVolumeAsync(volume);
            }
        }
        finally
        {
            _resumingVolumes = false;
        }
    }

    /// <summary>Called when the grain activates: intents a crash left are finished in the background.</summary>
    private void ResumeVolumeIntents()
    {
        if (_live?.Volumes.Any(NeedsResume) == true)
        {
            GrainFactory.GetGrain<IServerVolumesGrain>(Id).ResumeVolumesAsync().Ignore();
        }
    }

    private async Task ResumeVolumeAsync(ServerVolume volume)
    {
        if (volume.State == ServerVolume.Detaching || _live!.Deleted)
        {
            await CompleteDetachAsync(volume);
            if (_live!.Deleted && volume.DeleteOnTermination)
            {
                await DeleteOnTerminationAsync(volume.VolumeId);
            }

            await CommitAsync(s => s with { Volumes = [.. s.Volumes.Where(v => v.AttachmentId != volume.AttachmentId)] }, state.State.Pending);
            return;
        }

        try
        {
            await CompleteAttachAsync(volume);
            await CommitAsync(s => WithVolumeState(s, volume.AttachmentId, ServerVolume.Attached), state.State.Pending);
        }
        catch (ComputeFaultException)
        {
            await CommitAsync(s => s with { Volumes = [.. s.Volumes.Where(v => v.AttachmentId != volume.AttachmentId)] }, state.State.Pending);
        }
    }

    /// <summary>An attach or detach not finished, or a swap in flight (a root reimage is resumed by its rebuild).</summary>
    private static bool NeedsResume(ServerVolume volume) => volume.State != ServerVolume.Attached || IsSwapping(volume);

    /// <summary>Reserve (idempotent for the attachment id), connect with this host's connector, complete.</summary>
    private async Task CompleteAttachAsync(ServerVolume volume)
    {
        var grain = GrainFactory.GetGrain<IVolumeGrain>(volume.VolumeId);
        var service = ServiceCaller();
        await grain.ReserveAsync(service, new AttachmentRequest { AttachmentId = volume.AttachmentId, ServerId = Id });
        await grain.ConnectAsync(service, volume.AttachmentId, new AttachmentConnector { Host = _live!.Host, Mountpoint = volume.Device, Mode = "rw" });
        await grain.CompleteAsync(service, volume.AttachmentId);
    }

    private async Task CompleteDetachAsync(ServerVolume volume)
    {
        try
        {
            await GrainFactory.GetGrain<IVolumeGrain>(volume.VolumeId).RemoveAttachmentAsync(ServiceCaller(), volume.AttachmentId);
        }
        catch (ComputeFaultException gone) when (gone.StatusCode == 404)
        {
            // Nova ignores a 404 from the attachment delete: the volume is gone already.
        }
    }

    /// <summary>Nova deletes a delete_on_termination volume after the server's delete; a failure is only logged there.</summary>
    private async Task DeleteOnTerminationAsync(Guid volumeId)
    {
        try
        {
            await GrainFactory.GetGrain<IVolumeGrain>(volumeId).DeleteAsync(ServiceCaller());
        }
        catch (ComputeFaultException)
        {
            // Already gone, or in a status Cinder refuses to delete: the server's delete goes on, as in Nova.
        }
    }

    /// <summary>Nova's checks for attach and detach: the lock, then vm_state (shelved ones from 2.20) and no task in flight.</summary>
    private void EnsureVolumeChangeAllowed(ServerSnapshot server, CallerContext caller, string method, bool allowShelved)
    {
        if (server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }

        var shelved = server.VmState is VmState.Shelved or VmState.ShelvedOffloaded;
        if (!AttachableStates.Contains(server.VmState) || (shelved && !allowShelved))
        {
            throw ComputeFaultException.Conflict($"Cannot '{method}' instance {Id} while it is in vm_state {server.VmState}");
        }

        if (server.TaskState is { } task)
        {
            throw ComputeFaultException.Conflict($"Cannot '{method}' instance {Id} while it is in task_state {task}");
        }
    }

    /// <summary>The device asked for, or the next free <c>/dev/vdX</c> after the root disk.</summary>
    private string NextDevice(ServerSnapshot server, string? requested)
    {
        var used = server.Volumes.Select(v => v.Device).ToHashSet(StringComparer.Ordinal);
        if (requested is not null)
        {
            return used.Contains(requested) ? throw ComputeFaultException.BadRequest($"The supplied device path ({requested}) is in use.") : requested;
        }

        for (var letter = 'b'; letter <= 'z'; letter++)
        {
            var device = "/dev/vd" + letter;
            if (!used.Contains(device))
            {
                return device;
            }
        }

        throw ComputeFaultException.Forbidden($"Maximum number of volumes on instance {Id} exceeded.");
    }

    private static ServerSnapshot WithVolumeState(ServerSnapshot server, Guid attachmentId, string volumeState) =>
        server with { Volumes = [.. server.Volumes.Select(v => v.AttachmentId == attachmentId ? v with { State = volumeState } : v)] };

    /// <summary>Nova calls Cinder with a service token for its own steps; the server's project owns the attachment.</summary>
    private CallerContext ServiceCaller() => new()
    {
        UserId = "nova",
        ProjectId = _live?.ProjectId ?? "",
        Roles = ["admin", "service"],
        RequestId = "req-" + Guid.NewGuid().ToString("D"),
    };
}
