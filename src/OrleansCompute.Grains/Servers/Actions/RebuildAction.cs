using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>rebuild: onto the image the body names (found before the commit); stopped stays stopped, else active.</summary>
internal sealed class RebuildAction : ServerAction
{
    public override async Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command)
    {
        var image = await host.FindActionImageAsync(command.Rebuild?.ImageRef, command.Caller);
        // 2.54: a key name must be one of the caller's key pairs (null unsets the key, nothing to look up).
        if (command.Rebuild is { KeyNameGiven: true, KeyName: { } keyName } && !await host.HasKeyPairAsync(keyName, command.Caller))
        {
            throw ComputeFaultException.BadRequest("Invalid key_name provided.");
        }

        await host.BeginTransitionAsync(row, command, image);
    }

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        var spec = command.Rebuild ?? throw ComputeFaultException.BadRequest("'imageRef' is a required property");
        var image = actionImage ?? throw ComputeFaultException.BadRequest("Cannot find image for rebuild");
        if (!string.Equals(image.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            throw ComputeFaultException.BadRequest($"Image {image.Id} is not active.");
        }

        if (server.Flavor.DiskGb > 0 && image.MinDiskGb > server.Flavor.DiskGb)
        {
            throw ComputeFaultException.BadRequest("Flavor's disk is too small for requested image.");
        }

        if (image.MinRamMb > server.Flavor.RamMb)
        {
            throw ComputeFaultException.BadRequest("Flavor's memory is too small for requested image.");
        }

        // A volume-backed server has no image of its own (its volume's source image is not recorded here), so any image
        // is "different": Nova refuses that below 2.93
        // and from 2.93 re-images the boot volume, the server staying volume-backed (no image in its views).
        var volumeBacked = server.ImageRef.Length == 0;
        if (volumeBacked && !spec.ReimageBootVolume)
        {
            throw ComputeFaultException.BadRequest($"Image {image.Id} is unacceptable: Unable to rebuild with a different image for a volume-backed server.");
        }

        return server with
        {
            ImageRef = volumeBacked ? "" : image.Id,
            Name = spec.Name ?? server.Name,
            Metadata = spec.Metadata ?? server.Metadata,
            Description = spec.DescriptionGiven ? spec.Description : server.Description,
            KeyName = spec.KeyNameGiven ? spec.KeyName : server.KeyName,
            UserData = spec.UserDataGiven ? spec.UserData : server.UserData,
            TrustedImageCertificates = spec.TrustedCertificatesGiven ? spec.TrustedImageCertificates : server.TrustedImageCertificates,
            AccessIPv4 = spec.AccessIPv4 ?? server.AccessIPv4,
            AccessIPv6 = spec.AccessIPv6 ?? server.AccessIPv6,
            DiskConfig = spec.DiskConfig ?? server.DiskConfig,
            Hostname = spec.Hostname ?? server.Hostname,
        };
    }

    /// <summary>From 2.93 a volume-backed server's root volume is reimaged with the new image (Cinder's os-reimage).</summary>
    public override async Task FinishedAsync(IServerActionHost host, ServerActionCommand command)
    {
        if (host.Live.ImageRef.Length == 0 && command.Rebuild is { ReimageBootVolume: true, ImageRef: { } imageRef }
            && await host.FindActionImageAsync(imageRef, command.Caller) is { } image)
        {
            await host.ReimageRootVolumeAsync(image);
        }
    }

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        before.VmState == VmState.Stopped
            ? ended with { VmState = VmState.Stopped, PowerState = PowerState.Shutdown }
            : ended with { VmState = VmState.Active, PowerState = PowerState.Running };
}
