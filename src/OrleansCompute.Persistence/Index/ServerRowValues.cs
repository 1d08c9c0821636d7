using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// A snapshot's compute_servers row: one value per column of <see cref="ServerIndexSchema.Columns"/>, in that order
/// (the id as a Guid, instants as unix microseconds, tags as a list, the snapshot as JSON). The upsert and the bulk
/// loader both write rows from here, so they cannot disagree.
/// </summary>
internal static class ServerRowValues
{
    public static object?[] Of(ServerSnapshot server) =>
    [
        server.Id,
        server.ProjectId,
        server.UserId,
        server.Name,
        server.VmState,
        server.TaskState,
        server.PowerState,
        UnixMicroseconds.From(server.CreatedAt),
        UnixMicroseconds.From(server.UpdatedAt),
        server.Deleted,
        UnixMicroseconds.From(server.DeletedAt),
        server.ReservationId,
        server.ImageRef,
        server.Flavor.Id,
        server.Host,
        server.Node,
        server.AvailabilityZone,
        server.KeyName,
        server.Locked,
        server.LaunchIndex,
        server.Progress,
        server.AccessIPv4,
        server.AccessIPv6,
        server.Hostname,
        UnixMicroseconds.From(server.LaunchedAt),
        UnixMicroseconds.From(server.TerminatedAt),
        server.ConfigDrive,
        server.Description,
        server.DiskConfig == "AUTO",
        server.LockedBy,
        FixedAddresses(server, 4),
        FixedAddresses(server, 6),
        server.Tags,
        server.Revision,
        ServerSnapshotJson.Serialize(server),
    ];

    /// <summary>The fixed addresses of one IP version, one per line; none while building, as Nova's view shows none.</summary>
    private static string FixedAddresses(ServerSnapshot server, int version) =>
        server.VmState == VmState.Building
            ? ""
            : string.Join('\n', server.Addresses.Where(a => a.IpVersion == version && a.Type == "fixed").Select(a => a.Address));
}
