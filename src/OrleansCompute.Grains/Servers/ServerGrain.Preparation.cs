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
