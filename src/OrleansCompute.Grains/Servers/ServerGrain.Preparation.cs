using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Images;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// The checks and changes an action makes at once, after the lifecycle table's checks (Nova resolves the
/// flavor of a resize and the image of a rebuild after its state decorators, so a 409 wins over a 400).
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The host a live migration in flight goes to.</summary>
    private string? _liveMigrationTarget;

    private void PrepareResize(ServerActionCommand command, ServerSnapshot server)
    {
        FlavorSnapshot newFlavor;
        string? destination;
        if (command.Action == ServerActionKind.Resize)
        {
            var flavor = catalog.FindFlavor(command.FlavorRef ?? "")
                ?? throw ComputeFaultException.BadRequest("Unable to locate requested flavor.");
            if (string.Equals(flavor.Id, server.Flavor.Id, StringComparison.Ordinal))
            {
                throw ComputeFaultException.BadRequest("When resizing, instances must change flavor!");
            }

            if (flavor.DiskGb == 0 && server.Flavor.DiskGb != 0)
            {
                throw ComputeFaultException.BadRequest("Resize to zero disk flavor is not allowed.");
            }

            newFlavor = FlavorSnapshot.From(flavor);
            // Nova's allow_resize_to_same_host: the fake cloud resizes in place.
            destination = server.Host;
        }
        else
        {
            newFlavor = server.Flavor;
            destination = ChooseDestination(server, command.Host);
        }

        state.State.Resize = new ResizeContext
        {
            OldFlavor = server.Flavor,
            NewFlavor = newFlavor,
            SourceHost = server.Host,
            DestinationHost = destination,
            PreviousVmState = server.VmState,
            PreviousPowerState = server.PowerState,
        };
    }

    /// <summary>Another host for a migration: the one asked for (admin), or one in the same zone.</summary>
    private string ChooseDestination(ServerSnapshot server, string? requested)
    {
        if (requested is not null)
        {
            var host = catalog.Hosts.FirstOrDefault(h => string.Equals(h.Name, requested, StringComparison.Ordinal))
                ?? throw ComputeFaultException.BadRequest($"Compute host {requested} could not be found.");
            if (string.Equals(host.Name, server.Host, StringComparison.Ordinal))
            {
                throw ComputeFaultException.BadRequest($"Unable to migrate instance ({Id}) to current host ({host.Name}).");
            }

            _liveMigrationTarget = host.Name;
            return host.Name;
        }

        var candidates = catalog.Hosts
            .Where(h => !string.Equals(h.Name, server.Host, StringComparison.Ordinal)
                && (string.IsNullOrEmpty(server.AvailabilityZone) || string.Equals(h.AvailabilityZone, server.AvailabilityZone, StringComparison.Ordinal)))
            .ToList();
        if (candidates.Count == 0)
        {
            throw ComputeFaultException.BadRequest("No valid host was found. There are not enough hosts available.");
        }

        var chosen = candidates[(int)((uint)Id.GetHashCode() % (uint)candidates.Count)].Name;
        _liveMigrationTarget = chosen;
        return chosen;
    }

    /// <summary>Rebuild onto <paramref name="image"/>, found by <see cref="ResolveActionImageAsync"/> before the commit.</summary>
    private static ServerSnapshot PrepareRebuild(ServerActionCommand command, ServerSnapshot server, ImageDefinition? image)
    {
        var spec = command.Rebuild ?? throw ComputeFaultException.BadRequest("'imageRef' is a required property");
        if (image is null)
        {
            throw ComputeFaultException.BadRequest("Cannot find image for rebuild");
        }

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

        if (spec.KeyNameGiven && spec.KeyName is not null)
        {
            throw ComputeFaultException.BadRequest("Invalid key_name provided.");
        }

        return server with
        {
            ImageRef = image.Id,
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

    private ServerSnapshot PrepareUnshelve(ServerActionCommand command, ServerSnapshot server)
    {
        var wantsPlacement = command.AvailabilityZone is not null || command.UnpinAvailabilityZone || command.Host is not null;
        if (wantsPlacement && server.VmState != VmState.ShelvedOffloaded)
        {
            throw ComputeFaultException.Conflict(
                $"Specifying availability_zone or host to unshelve a server is only allowed when the server status is SHELVED_OFFLOADED. Instance {Id} state is {server.Status}.");
        }

        if (command.AvailabilityZone is { } zone && !catalog.Hosts.Any(h => string.Equals(h.AvailabilityZone, zone, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.BadRequest("The requested availability zone is not available");
        }

        HostDefinition? requestedHost = null;
        if (command.Host is { } hostName)
        {
            requestedHost = catalog.Hosts.FirstOrDefault(h => string.Equals(h.Name, hostName, StringComparison.Ordinal))
                ?? throw ComputeFaultException.BadRequest($"Compute host {hostName} could not be found.");
        }

        var pinned = command.UnpinAvailabilityZone ? null : command.AvailabilityZone ?? server.PinnedAvailabilityZone;
        var unshelved = server with { PinnedAvailabilityZone = pinned };
        if (!string.IsNullOrEmpty(server.Host))
        {
            return unshelved;
        }

        // Offloaded: the server goes to a host again (Nova schedules it anew; see BeginUnshelveAsync).
        var host = requestedHost ?? throw ComputeFaultException.BadRequest("No valid host was found. There are not enough hosts available.");
        return unshelved with { Host = host.Name, Node = host.Name, AvailabilityZone = host.AvailabilityZone };
    }

    /// <summary>
    /// createImage / createBackup: the Glance record of the snapshot, SAVING, made from the server and its base
    /// image (<paramref name="baseImage"/>, null when that image is gone).
    /// </summary>
    private SnapshotImage NewSnapshotImage(ServerActionCommand command, string imageId, ServerSnapshot server, ImageDefinition? baseImage)
    {
        var metadata = new Dictionary<string, string>(command.ImageMetadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["image_type"] = command.Action == ServerActionKind.CreateBackup ? "backup" : "snapshot",
            ["instance_uuid"] = Id.ToString(),
            ["base_image_ref"] = server.ImageRef,
            ["user_id"] = command.Caller.UserId,
            ["owner_id"] = server.ProjectId,
        };
        var now = clock.UtcNow;
        return new SnapshotImage
        {
            Id = imageId,
            Name = command.ImageName ?? "",
            Status = SnapshotImage.Saving,
            OwnerProjectId = server.ProjectId,
            MinDiskGb = server.Flavor.DiskGb,
            MinRamMb = baseImage?.MinRamMb ?? 0,
            SizeBytes = baseImage?.SizeBytes ?? 0,
            Created = now,
            Updated = now,
            Metadata = metadata,
        };
    }
}
