using System.Text.Json;
using OrleansCompute.Images;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;
using OrleansCompute.Volumes;

namespace OrleansCompute.Servers;

/// <summary>
/// createImage of a volume-backed server, as Nova's <c>snapshot_volume_backed</c>: no task_state and no driver work;
/// a forced Cinder snapshot of every attached volume, then a Glance image without data (size 0, ACTIVE) whose
/// <c>block_device_mapping</c> property lists the snapshots (<c>source_type: snapshot</c>), with <c>bdm_v2</c> and
/// <c>root_device_name</c>. Booting from that image creates the root volume from its snapshot.
/// </summary>
internal sealed partial class ServerGrain
{
    private const string RootDeviceName = "/dev/vda";

    private async Task SnapshotVolumeBackedAsync(ServerTransition row, ServerActionCommand command, string imageId)
    {
        var server = _live!;
        row.EnsureAllowed(server);
        EnsureNotBusy(row, server);

        var image = NewSnapshotImage(command, ImageKey(imageId), server, baseImage: null);
        var mapping = new List<Dictionary<string, object?>>();
        foreach (var volume in server.Volumes.Where(v => v.State == ServerVolume.Attached))
        {
            var record = await GrainFactory.GetGrain<IVolumeGrain>(volume.VolumeId).GetAsync(ServiceCaller());
            var snapshot = await GrainFactory.GetGrain<IVolumeSnapshotGrain>(Guid.NewGuid()).CreateAsync(new CreateVolumeSnapshotCommand
            {
                Caller = command.Caller,
                VolumeId = volume.VolumeId,
                Name = $"snapshot for {image.Name}",
                Description = record.Description,
                Force = true,
            });
            mapping.Add(ImageMapping(volume, snapshot.Id, record.Size, volume == RootVolume(server)));
        }

        var properties = new Dictionary<string, string>(image.Metadata, StringComparer.Ordinal) { ["root_device_name"] = RootDeviceName };
        if (mapping.Count > 0)
        {
            properties["block_device_mapping"] = JsonSerializer.Serialize(mapping);
            properties["bdm_v2"] = "True";
        }

        var now = clock.UtcNow;
        await ImageGrain(imageId).CreateAsync(image with { Status = SnapshotImage.Active, SizeBytes = 0, Metadata = properties, HasData = false });
        await CommitAsync(
            s => s,
            state.State.Pending,
            s =>
            {
                StartAction(s, row.InstanceAction, "api_snapshot_instance", command.Caller, now);
                FinishAction(s, command.Caller.RequestId, error: null);
            });
    }

    /// <summary>One entry of the image's block_device_mapping: Nova's image mapping of a snapshot-sourced volume BDM.</summary>
    private static Dictionary<string, object?> ImageMapping(ServerVolume volume, Guid snapshotId, int size, bool root) => new()
    {
        ["source_type"] = "snapshot",
        ["destination_type"] = "volume",
        ["snapshot_id"] = snapshotId.ToString("D"),
        ["volume_id"] = null,
        ["image_id"] = null,
        ["volume_size"] = size,
        ["delete_on_termination"] = volume.DeleteOnTermination,
        ["device_name"] = volume.Device,
        ["boot_index"] = root ? 0 : null,
        ["tag"] = volume.Tag,
        ["disk_bus"] = "virtio",
        ["device_type"] = "disk",
        ["guest_format"] = null,
        ["no_device"] = null,
        ["volume_type"] = null,
    };
}
