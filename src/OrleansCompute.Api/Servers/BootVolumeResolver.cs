using OrleansCompute.Api.Volume;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// The block device mappings that go to a volume, resolved as Nova's API validates them against Cinder: an
/// existing volume must be visible to the caller and available; a snapshot must be visible; an image, snapshot or
/// blank source becomes the volume create Cinder would run (its own checks and sizes, through <see cref="VolumeCreation"/>).
/// The root disk (boot_index 0) is <c>/dev/vda</c>, the others the next free <c>/dev/vdX</c> unless a device is named.
/// </summary>
internal sealed class BootVolumeResolver(IGrainFactory grains, ImageLookup images)
{
    public async Task<IReadOnlyList<BootVolume>> ResolveAsync(IReadOnlyList<BlockDeviceRequest> devices, CallerContext caller)
    {
        var mappings = devices.Where(d => d.DestinationType == "volume" || d.SourceType is "volume" or "snapshot").ToList();
        var devicesInUse = new HashSet<string>(mappings.Select(d => d.DeviceName ?? (d.BootIndex == 0 ? "/dev/vda" : "")), StringComparer.Ordinal);
        var volumes = new List<BootVolume>();
        foreach (var device in mappings)
        {
            var mapping = new BootVolume
            {
                Position = volumes.Count,
                Device = device.DeviceName ?? (device.BootIndex == 0 ? "/dev/vda" : NextDevice(devicesInUse)),
                Tag = device.Tag,
                DeleteOnTermination = device.DeleteOnTermination,
            };
            volumes.Add(device.SourceType == "volume"
                ? mapping with { ExistingVolumeId = await ExistingVolumeAsync(device.Uuid!, caller) }
                : mapping with { Create = await VolumeCreateAsync(device, caller) });
        }

        return volumes;
    }

    private async Task<Guid> ExistingVolumeAsync(string uuid, CallerContext caller)
    {
        var volume = await FindAsync(uuid, id => grains.GetGrain<IVolumeGrain>(id).GetAsync(caller))
            ?? throw BlockDeviceMappingParser.Invalid($"failed to get volume {uuid}.");
        if (volume.Status != VolumeStatus.Available)
        {
            throw ComputeFaultException.BadRequest($"Invalid volume: volume '{volume.Id}' status must be 'available'. Currently in '{volume.Status}'");
        }

        return volume.Id;
    }

    private async Task<CreateVolumeCommand> VolumeCreateAsync(BlockDeviceRequest device, CallerContext caller)
    {
        if (device.VolumeType is { } type && !VolumeTypes.IsDefault(type))
        {
            throw ComputeFaultException.BadRequest($"Volume type {type} could not be found.");
        }

        Guid? snapshotId = null;
        if (device.SourceType == "snapshot")
        {
            var snapshot = await FindAsync(device.Uuid!, id => grains.GetGrain<IVolumeSnapshotGrain>(id).GetAsync(caller))
                ?? throw BlockDeviceMappingParser.Invalid($"failed to get snapshot {device.Uuid}.");
            snapshotId = snapshot.Id;
        }

        var request = new CreateVolumeRequest
        {
            Size = device.VolumeSize,
            Name = "",
            SnapshotId = snapshotId,
            ImageRef = device.SourceType == "image" ? device.Uuid : null,
        };
        return await new VolumeCreation(grains, images).PrepareAsync(request, caller);
    }

    /// <summary>The record, or null when the id is not a uuid or Cinder answers 404 (missing or another project's).</summary>
    private static async Task<T?> FindAsync<T>(string uuid, Func<Guid, Task<T>> get)
        where T : class
    {
        if (!Guid.TryParse(uuid, out var id))
        {
            return null;
        }

        try
        {
            return await get(id);
        }
        catch (ComputeFaultException missing) when (missing.StatusCode == 404)
        {
            return null;
        }
    }

    private static string NextDevice(HashSet<string> inUse)
    {
        for (var letter = 'b'; letter <= 'z'; letter++)
        {
            var device = "/dev/vd" + letter;
            if (inUse.Add(device))
            {
                return device;
            }
        }

        throw BlockDeviceMappingParser.Invalid("too many volumes.");
    }
}
