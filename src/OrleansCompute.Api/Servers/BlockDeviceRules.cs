using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's block device rules that need the flavor and the image. The volumes and snapshots the mappings name are
/// checked against the block storage service by <see cref="BootVolumeResolver"/>.
/// </summary>
internal static class BlockDeviceRules
{
    private const int MaxLocalBlockDevices = 3;

    /// <summary>True when the root disk is a volume (the boot_index 0 mapping goes to a volume).</summary>
    public static bool BootsFromVolume(IReadOnlyList<BlockDeviceRequest> devices) =>
        devices.Any(d => d.BootIndex == 0 && d.DestinationType == "volume");

    public static void CheckCount(IReadOnlyList<BlockDeviceRequest> devices, int minCount, int maxCount)
    {
        if ((minCount > 1 || maxCount > 1) && devices.Any(d => d.SourceType is "volume" or "snapshot"))
        {
            throw ComputeFaultException.BadRequest("Cannot attach one or more volumes to multiple instances");
        }
    }

    /// <summary>The devices' rules; <paramref name="knownImages"/> are the image ids among them that exist (see ImageLookup).</summary>
    public static void Check(IReadOnlyList<BlockDeviceRequest> devices, FlavorDefinition flavor, string? imageRef, IReadOnlySet<string> knownImages)
    {
        foreach (var device in devices)
        {
            switch (device.SourceType)
            {
                case "image":
                    if (!knownImages.Contains(device.Uuid!))
                    {
                        throw BlockDeviceMappingParser.Invalid($"failed to get image {device.Uuid}.");
                    }

                    if (device.IsLocal && (device.BootIndex != 0 || !string.Equals(device.Uuid, imageRef, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw BlockDeviceMappingParser.Invalid("Mapping image to local is not supported.");
                    }

                    break;
            }
        }

        var ephemeral = devices.Where(d => d.IsEphemeral).Sum(d => d.VolumeSize ?? flavor.EphemeralGb);
        if (devices.Any(d => d.IsEphemeral) && ephemeral > flavor.EphemeralGb)
        {
            throw ComputeFaultException.BadRequest("Ephemeral disks requested are larger than the instance type allows. If no size is given in one block device mapping, flavor ephemeral size will be used.");
        }

        var swaps = devices.Where(d => d.IsSwap).ToList();
        if (swaps.Count > 1)
        {
            throw ComputeFaultException.BadRequest("More than one swap drive requested.");
        }

        if (swaps.Count == 1 && (swaps[0].VolumeSize ?? flavor.SwapMb) * (swaps[0].VolumeSize is null ? 1 : 1024) > flavor.SwapMb)
        {
            throw ComputeFaultException.BadRequest("Swap drive requested is larger than instance type allows.");
        }

        var local = devices.Count(d => d.IsLocal && !d.NoDevice) + (BootsFromVolume(devices) || devices.Any(d => d.SourceType == "image" && d.IsLocal) ? 0 : 1);
        if (local > MaxLocalBlockDevices)
        {
            throw BlockDeviceMappingParser.Invalid("You specified more local devices than the limit allows");
        }
    }
}
