using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Sqlite.Index;

/// <summary>The version-guarded upsert of one compute_servers row from a snapshot.</summary>
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

    public static void BuildUpsert(SqliteCommand command, ServerSnapshot server)
    {
        command.CommandText = UpsertSql;
        var p = command.Parameters;
        p.AddWithValue("@id", ServerIds.ToText(server.Id));
        p.AddWithValue("@project_id", server.ProjectId);
        p.AddWithValue("@user_id", server.UserId);
        p.AddWithValue("@name", server.Name);
        p.AddWithValue("@vm_state", server.VmState);
        p.AddWithValue("@task_state", (object?)server.TaskState ?? DBNull.Value);
        p.AddWithValue("@power_state", server.PowerState);
        p.AddWithValue("@created_at", UnixMicroseconds.From(server.CreatedAt));
        p.AddWithValue("@updated_at", UnixMicroseconds.From(server.UpdatedAt));
        p.AddWithValue("@deleted", server.Deleted);
        p.AddWithValue("@deleted_at", (object?)UnixMicroseconds.From(server.DeletedAt) ?? DBNull.Value);
        p.AddWithValue("@reservation_id", server.ReservationId);
        p.AddWithValue("@image_ref", server.ImageRef);
        p.AddWithValue("@flavor_id", server.Flavor.Id);
        p.AddWithValue("@host", (object?)server.Host ?? DBNull.Value);
        p.AddWithValue("@node", (object?)server.Node ?? DBNull.Value);
        p.AddWithValue("@availability_zone", server.AvailabilityZone);
        p.AddWithValue("@key_name", (object?)server.KeyName ?? DBNull.Value);
        p.AddWithValue("@locked", server.Locked);
        p.AddWithValue("@launch_index", server.LaunchIndex);
        p.AddWithValue("@progress", server.Progress);
        p.AddWithValue("@access_ip_v4", server.AccessIPv4);
        p.AddWithValue("@access_ip_v6", server.AccessIPv6);
        p.AddWithValue("@hostname", server.Hostname);
        p.AddWithValue("@launched_at", (object?)UnixMicroseconds.From(server.LaunchedAt) ?? DBNull.Value);
        p.AddWithValue("@terminated_at", (object?)UnixMicroseconds.From(server.TerminatedAt) ?? DBNull.Value);
        p.AddWithValue("@config_drive", server.ConfigDrive);
        p.AddWithValue("@description", (object?)server.Description ?? DBNull.Value);
        p.AddWithValue("@auto_disk_config", server.DiskConfig == "AUTO");
        p.AddWithValue("@locked_by", (object?)server.LockedBy ?? DBNull.Value);
        p.AddWithValue("@fixed_ipv4", FixedAddresses(server, 4));
        p.AddWithValue("@fixed_ipv6", FixedAddresses(server, 6));
        p.AddWithValue("@tags", JsonSerializer.Serialize(server.Tags, ServerSnapshotJsonContext.Default.IReadOnlyListString));
        p.AddWithValue("@revision", server.Revision);
        p.AddWithValue("@snapshot", JsonSerializer.Serialize(server, ServerSnapshotJsonContext.Default.ServerSnapshot));
    }

    /// <summary>The fixed addresses of one IP version, one per line; none while building, as Nova's view shows none.</summary>
    private static string FixedAddresses(ServerSnapshot server, int version) =>
        server.VmState == VmState.Building
            ? ""
            : string.Join('\n', server.Addresses.Where(a => a.IpVersion == version && a.Type == "fixed").Select(a => a.Address));
}
