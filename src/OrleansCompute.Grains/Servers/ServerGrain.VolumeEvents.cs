using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Identity;
using OrleansCompute.Volumes;

namespace OrleansCompute.Servers;

/// <summary>
/// The volume external events (<c>volume-extended</c>, <c>volume-reimaged</c>) and the reimage of the root volume
/// that a rebuild of a volume-backed server does from 2.93, as Nova's compute manager: a new empty attachment keeps
/// the volume reserved, the old one goes, Cinder reimages it (<c>os-reimage</c> with <c>reimage_reserved</c>) and
/// sends <c>volume-reimaged</c>, then the new attachment is connected and completed.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>
    /// Reimages the server waits for, by volume: completed by <see cref="VolumeReimagedAsync"/>. Made by the first
    /// volume-backed rebuild: most activations never wait for one (see <c>ServerGrain.Residency</c>).
    /// </summary>
    private Dictionary<Guid, TaskCompletionSource<bool>>? _reimages;

    public Task VolumeExtendedAsync(CallerContext caller, Guid volumeId)
    {
        // Nova's API records extend_volume, and the compute's extend_volume event fails when the volume is not attached here.
        var attached = _live!.Volumes.Any(v => v.VolumeId == volumeId && v.State == ServerVolume.Attached);
        return CommitAsync(
            s => s,
            state.State.Pending,
            s =>
            {
                StartAction(s, "extend_volume", "compute_extend_volume", caller, clock.UtcNow);
                FinishAction(s, caller.RequestId, attached ? null : $"VolumeBDMNotFound: No volume Block Device Mapping with id {volumeId}.");
            });
    }

    public Task VolumeReimagedAsync(Guid volumeId, bool succeeded)
    {
        if (_reimages is not null && _reimages.Remove(volumeId, out var waiting))
        {
            waiting.TrySetResult(succeeded);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The root volume of a volume-backed rebuild onto <paramref name="image"/>; throws <see cref="ComputeDriverException"/>
    /// when Cinder failed it or did not answer in time (Nova: <c>reimage_timeout_per_gb</c>, 20 s per GB), which ends the rebuild in ERROR.
    /// </summary>
    public async Task ReimageRootVolumeAsync(ImageDefinition image)
    {
        if (RootVolume(_live!) is not { } root)
        {
            return;
        }

        // The replacement attachment is written first, so a resumed rebuild reuses it and the volume's settling keeps it.
        var mapping = root.NextAttachmentId is null ? root with { NextVolumeId = root.VolumeId, NextAttachmentId = Guid.NewGuid() } : root;
        await CommitAsync(s => WithMapping(s, mapping), state.State.Pending);
        var volume = GrainFactory.GetGrain<IVolumeGrain>(root.VolumeId);
        var service = ServiceCaller();
        var next = mapping.NextAttachmentId!.Value;
        await volume.ReserveAsync(service, new AttachmentRequest { AttachmentId = next, ServerId = Id });
        await volume.RemoveAttachmentAsync(service, root.AttachmentId);
        var size = (await volume.GetAsync(service)).Size;

        var reimaged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        (_reimages ??= [])[root.VolumeId] = reimaged;
        bool succeeded;
        try
        {
            await volume.ReimageAsync(service, image.Id, VolumeImageMetadata.From(image), reimageReserved: true);
            succeeded = await reimaged.Task.WaitAsync(TimeSpan.FromSeconds(20 * Math.Max(1, size)), clock.Time);
        }
        catch (Exception failure) when (failure is TimeoutException or Faults.ComputeFaultException)
        {
            throw new ComputeDriverException($"Rebuild of the volume-backed server failed: the root volume {root.VolumeId} was not reimaged ({failure.Message}).");
        }
        finally
        {
            _reimages?.Remove(root.VolumeId);
        }

        if (!succeeded)
        {
            throw new ComputeDriverException($"Rebuild of the volume-backed server failed: Cinder could not reimage the root volume {root.VolumeId}.");
        }

        await volume.ConnectAsync(service, next, new AttachmentConnector { Host = _live!.Host, Mountpoint = root.Device, Mode = "rw" });
        await volume.CompleteAsync(service, next);
        var moved = mapping with { AttachmentId = next, NextVolumeId = null, NextAttachmentId = null };
        await CommitAsync(s => s with { Volumes = [.. s.Volumes.Select(v => v.AttachmentId == root.AttachmentId ? moved : v)] }, state.State.Pending);
    }

    /// <summary>The boot volume: <c>/dev/vda</c>, else the first mapping (the create saga maps boot_index 0 first).</summary>
    private static ServerVolume? RootVolume(ServerSnapshot server) =>
        server.ImageRef.Length > 0 ? null
        : server.Volumes.FirstOrDefault(v => v.Device == "/dev/vda") ?? (server.Volumes.Count > 0 ? server.Volumes[0] : null);
}
