using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Images;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// What the action handlers (<c>Servers/Actions</c>) ask of the grain when they prepare an action: the destination
/// of a migration and the snapshot image's record. The handlers' own rules run after the lifecycle table's checks
/// (Nova resolves the flavor of a resize and the image of a rebuild after its state decorators, so a 409 wins over
/// a 400).
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The host a live migration in flight goes to.</summary>
    private string? _liveMigrationTarget;

    /// <summary>Another host for a migration: the one asked for (admin), or one in the same zone.</summary>
    public string ChooseDestination(ServerSnapshot server, string? requested)
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

    /// <summary>
    /// createImage / createBackup / shelve: the Glance record of the snapshot, SAVING, as Nova's API creates it: the
    /// base image's properties (<paramref name="baseImage"/>, null when that image is gone) minus those Nova never
    /// copies, Nova's own (image_type, instance_uuid, user_id, base_image_ref, boot_roles), the action's metadata
    /// last. Owned by the caller's project (Glance takes the token's): private, or shared with the server's project
    /// when an admin snapshots another project's server. A backup keeps the base image's formats.
    /// </summary>
    private SnapshotImage NewSnapshotImage(ServerActionCommand command, string imageId, ServerSnapshot server, ImageDefinition? baseImage)
    {
        var caller = command.Caller;
        var backup = command.Action == ServerActionKind.CreateBackup;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in baseImage?.Metadata ?? [])
        {
            if (SnapshotProperties.Inherited(key))
            {
                metadata[key] = value;
            }
        }

        metadata["image_type"] = backup ? "backup" : "snapshot";
        metadata["instance_uuid"] = Id.ToString();
        metadata["user_id"] = caller.UserId;
        metadata["base_image_ref"] = server.ImageRef;
        metadata["boot_roles"] = string.Join(",", caller.Roles);
        foreach (var (key, value) in command.ImageMetadata ?? new Dictionary<string, string>())
        {
            metadata[key] = value;
        }

        var now = clock.UtcNow;
        var ownProject = string.Equals(caller.ProjectId, server.ProjectId, StringComparison.Ordinal);
        return new SnapshotImage
        {
            Id = imageId,
            Name = command.ImageName ?? "",
            Status = SnapshotImage.Saving,
            OwnerProjectId = caller.ProjectId,
            Visibility = ownProject ? ImageVisibility.Private : ImageVisibility.Shared,
            Members = ownProject ? [] : [new ImageMember { ProjectId = server.ProjectId, Status = ImageMember.Pending, Created = now, Updated = now }],
            MinDiskGb = server.Flavor.DiskGb,
            MinRamMb = baseImage?.MinRamMb ?? 0,
            SizeBytes = baseImage?.SizeBytes ?? 0,
            DiskFormat = backup ? "qcow2" : null,
            ContainerFormat = backup ? "bare" : null,
            Created = now,
            Updated = now,
            Metadata = metadata,
        };
    }
}
