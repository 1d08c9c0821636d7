using System.Data;
using System.Data.Common;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Index;

/// <summary>The version-guarded upsert of one compute_servers row from a snapshot, on any database through its dialect.</summary>
internal static class ServerRowCommand
{
    // One statement, so the revision check and the write are atomic: an older snapshot arriving late (grain
    // writes can race on retries or reactivation) never replaces a newer one, and an equal one changes nothing.
    private const string UpsertSql = """
        INSERT INTO compute_servers
            (id, project_id, user_id, name, vm_state, task_state, power_state, created_at, updated_at, deleted,
             deleted_at, reservation_id, image_ref, flavor_id, host, node, availability_zone, key_name, locked,
             launch_index, progress, access_ip_v4, access_ip_v6, hostname, launched_at, terminated_at, config_drive,
             description, auto_disk_config, locked_by, fixed_ipv4, fixed_ipv6, tags, revision, snapshot)
        VALUES
            (@id, @project_id, @user_id, @name, @vm_state, @task_state, @power_state, @created_at, @updated_at, @deleted,
             @deleted_at, @reservation_id, @image_ref, @flavor_id, @host, @node, @availability_zone, @key_name, @locked,
             @launch_index, @progress, @access_ip_v4, @access_ip_v6, @hostname, @launched_at, @terminated_at, @config_drive,
             @description, @auto_disk_config, @locked_by, @fixed_ipv4, @fixed_ipv6, @tags, @revision, @snapshot)
        ON CONFLICT (id) DO UPDATE SET
            project_id = excluded.project_id, user_id = excluded.user_id, name = excluded.name,
            vm_state = excluded.vm_state, task_state = excluded.task_state, power_state = excluded.power_state,
            created_at = excluded.created_at, updated_at = excluded.updated_at, deleted = excluded.deleted,
            deleted_at = excluded.deleted_at, reservation_id = excluded.reservation_id, image_ref = excluded.image_ref,
            flavor_id = excluded.flavor_id, host = excluded.host, node = excluded.node,
            availability_zone = excluded.availability_zone, key_name = excluded.key_name, locked = excluded.locked,
            launch_index = excluded.launch_index, progress = excluded.progress, access_ip_v4 = excluded.access_ip_v4,
            access_ip_v6 = excluded.access_ip_v6, hostname = excluded.hostname, launched_at = excluded.launched_at,
            terminated_at = excluded.terminated_at, config_drive = excluded.config_drive,
            description = excluded.description, auto_disk_config = excluded.auto_disk_config, locked_by = excluded.locked_by,
            fixed_ipv4 = excluded.fixed_ipv4, fixed_ipv6 = excluded.fixed_ipv6, tags = excluded.tags, revision = excluded.revision,
            snapshot = excluded.snapshot
        WHERE excluded.revision > compute_servers.revision;
        """;

    public static void BuildUpsert(DbCommand command, ServerIndexDialect dialect, ServerSnapshot server)
    {
        command.CommandText = UpsertSql;
        Add(command, "@id", dialect.ServerId(server.Id));
        Add(command, "@project_id", server.ProjectId);
        Add(command, "@user_id", server.UserId);
        Add(command, "@name", server.Name);
        Add(command, "@vm_state", server.VmState);
        Add(command, "@task_state", server.TaskState, DbType.String);
        Add(command, "@power_state", server.PowerState);
        Add(command, "@created_at", UnixMicroseconds.From(server.CreatedAt));
        Add(command, "@updated_at", UnixMicroseconds.From(server.UpdatedAt));
        Add(command, "@deleted", server.Deleted, DbType.Boolean);
        Add(command, "@deleted_at", UnixMicroseconds.From(server.DeletedAt), DbType.Int64);
        Add(command, "@reservation_id", server.ReservationId);
        Add(command, "@image_ref", server.ImageRef);
        Add(command, "@flavor_id", server.Flavor.Id);
        Add(command, "@host", server.Host, DbType.String);
        Add(command, "@node", server.Node, DbType.String);
        Add(command, "@availability_zone", server.AvailabilityZone);
        Add(command, "@key_name", server.KeyName, DbType.String);
        Add(command, "@locked", server.Locked, DbType.Boolean);
        Add(command, "@launch_index", server.LaunchIndex);
        Add(command, "@progress", server.Progress);
        Add(command, "@access_ip_v4", server.AccessIPv4);
        Add(command, "@access_ip_v6", server.AccessIPv6);
        Add(command, "@hostname", server.Hostname);
        Add(command, "@launched_at", UnixMicroseconds.From(server.LaunchedAt), DbType.Int64);
        Add(command, "@terminated_at", UnixMicroseconds.From(server.TerminatedAt), DbType.Int64);
        Add(command, "@config_drive", server.ConfigDrive, DbType.Boolean);
        Add(command, "@description", server.Description, DbType.String);
        Add(command, "@auto_disk_config", server.DiskConfig == "AUTO", DbType.Boolean);
        Add(command, "@locked_by", server.LockedBy, DbType.String);
        Add(command, "@fixed_ipv4", FixedAddresses(server, 4));
        Add(command, "@fixed_ipv6", FixedAddresses(server, 6));
        dialect.SetTags(Add(command, "@tags", null), server.Tags);
        Add(command, "@revision", server.Revision);
        dialect.SetSnapshot(Add(command, "@snapshot", null), ServerSnapshotJson.Serialize(server));
    }

    private static DbParameter Add(DbCommand command, string name, object? value, DbType? type = null) =>
        CommandParameters.Add(command, name, value, type);

    /// <summary>The fixed addresses of one IP version, one per line; none while building, as Nova's view shows none.</summary>
    private static string FixedAddresses(ServerSnapshot server, int version) =>
        server.VmState == VmState.Building
            ? ""
            : string.Join('\n', server.Addresses.Where(a => a.IpVersion == version && a.Type == "fixed").Select(a => a.Address));
}
