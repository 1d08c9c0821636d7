using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Volumes;

namespace OrleansCompute.Servers;

/// <summary>
/// <c>PUT /servers/{id}/os-volume_attachments/{volume_id}</c>: the 2.85 update of a mapping, and the swap Nova
/// drives for Cinder. A swap writes its intent on the old mapping first (the new volume and the attachment id the
/// server chose), attaches the new volume (reserve, connect, complete), removes the old attachment, then commits
/// the mapping onto the new volume; a crash in between is finished by <see cref="ResumeVolumesAsync"/>.
/// </summary>
internal sealed partial class ServerGrain
{
    private static readonly string[] SwappableStates = [VmState.Active, VmState.Paused, VmState.Resized];

    public Task UpdateVolumeAttachmentAsync(CallerContext caller, Guid volumeId, VolumeAttachmentUpdate update) =>
        CommitAsync(
            s =>
            {
                var mapping = s.Volumes.FirstOrDefault(v => v.VolumeId == volumeId && v.State == ServerVolume.Attached) ?? throw NoMapping(volumeId);
                if (update.DeviceGiven && update.Device != mapping.Device)
                {
                    throw ComputeFaultException.BadRequest("The device property is not mutable");
                }

                if (update.TagGiven && update.Tag != mapping.Tag)
                {
                    throw ComputeFaultException.BadRequest("The tag property is not mutable");
                }

                var changed = mapping with { DeleteOnTermination = update.DeleteOnTermination ?? mapping.DeleteOnTermination };
                return s with { Volumes = [.. s.Volumes.Select(v => v.AttachmentId == mapping.AttachmentId ? changed : v)] };
            },
            state.State.Pending);

    public async Task SwapVolumeAsync(CallerContext caller, Guid oldVolumeId, Guid newVolumeId)
    {
        EnsureSwapAllowed(_live!, caller);
        var service = ServiceCaller();
        var oldVolume = await GrainFactory.GetGrain<IVolumeGrain>(oldVolumeId).GetAsync(service);
        var newVolume = await GrainFactory.GetGrain<IVolumeGrain>(newVolumeId).GetAsync(service);
        if (oldVolume.Attachments.All(a => a.ServerId != Id))
        {
            throw ComputeFaultException.BadRequest("Invalid volume: Old volume is attached to a different instance.");
        }

        if (newVolume.AttachStatus == AttachmentStatus.Attached)
        {
            throw ComputeFaultException.BadRequest("Invalid volume: New volume must be detached in order to swap.");
        }

        if (newVolume.Size < oldVolume.Size)
        {
            throw ComputeFaultException.BadRequest("Invalid volume: New volume must be the same size or larger.");
        }

        var attachmentId = Guid.NewGuid();
        ServerVolume? mapping = null;
        await CommitAsync(
            s =>
            {
                EnsureSwapAllowed(s, caller);
                mapping = s.Volumes.FirstOrDefault(v => v.VolumeId == oldVolumeId && v.State == ServerVolume.Attached && v.NextAttachmentId is null)
                    ?? throw NoMapping(oldVolumeId);
                mapping = mapping with { NextVolumeId = newVolumeId, NextAttachmentId = attachmentId };
                return WithMapping(s, mapping);
            },
            state.State.Pending,
            s => StartAction(s, "swap_volume", "compute_swap_volume", caller, clock.UtcNow));
        try
        {
            await FinishSwapAsync(mapping!);
        }
        catch (ComputeFaultException refused)
        {
            await CommitAsync(s => WithMapping(s, mapping! with { NextVolumeId = null, NextAttachmentId = null }), state.State.Pending, s => FinishAction(s, caller.RequestId, refused.Message));
            throw;
        }

        await CommitAsync(s => s, state.State.Pending, s => FinishAction(s, caller.RequestId, error: null));
    }

    /// <summary>
    /// The swap's Cinder steps and the mapping's move onto the new volume: attach the new one (idempotent for the
    /// attachment id), remove the old attachment, commit. A refusal before the old one goes removes the new one.
    /// </summary>
    private async Task FinishSwapAsync(ServerVolume mapping)
    {
        var replacement = mapping with
        {
            VolumeId = mapping.NextVolumeId!.Value,
            AttachmentId = mapping.NextAttachmentId!.Value,
            NextVolumeId = null,
            NextAttachmentId = null,
        };
        try
        {
            await CompleteAttachAsync(replacement);
        }
        catch (ComputeFaultException)
        {
            await CompleteDetachAsync(replacement);
            throw;
        }

        await CompleteDetachAsync(mapping);
        await CommitAsync(s => s with { Volumes = [.. s.Volumes.Select(v => v.AttachmentId == mapping.AttachmentId ? replacement : v)] }, state.State.Pending);
    }

    /// <summary>A swap a crash interrupted: finished, or (the new volume refused) abandoned.</summary>
    private async Task ResumeSwapAsync(ServerVolume mapping)
    {
        try
        {
            await FinishSwapAsync(mapping);
        }
        catch (ComputeFaultException)
        {
            await CommitAsync(s => WithMapping(s, mapping with { NextVolumeId = null, NextAttachmentId = null }), state.State.Pending);
        }
    }

    private static bool IsSwapping(ServerVolume mapping) => mapping.NextAttachmentId is not null && mapping.NextVolumeId != mapping.VolumeId;

    /// <summary>Nova's checks for swap_volume: the lock, then vm_state active, paused or resized with no task in flight.</summary>
    private void EnsureSwapAllowed(ServerSnapshot server, CallerContext caller)
    {
        if (server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }

        if (!SwappableStates.Contains(server.VmState))
        {
            throw ComputeFaultException.Conflict($"Cannot 'swap_volume' instance {Id} while it is in vm_state {server.VmState}");
        }

        if (server.TaskState is { } task)
        {
            throw ComputeFaultException.Conflict($"Cannot 'swap_volume' instance {Id} while it is in task_state {task}");
        }
    }

    private static ServerSnapshot WithMapping(ServerSnapshot server, ServerVolume mapping) =>
        server with { Volumes = [.. server.Volumes.Select(v => v.AttachmentId == mapping.AttachmentId ? mapping : v)] };

    private static ComputeFaultException NoMapping(Guid volumeId) =>
        ComputeFaultException.NotFound($"No volume Block Device Mapping with id {volumeId}.");
}
