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

    // Built once: two upserts per create named 35 parameters each by concatenation.
    private static readonly string[] ParameterNames = [.. ServerIndexSchema.Columns.Select(column => "@" + column.Name)];

    public static void BuildUpsert(DbCommand command, ServerIndexDialect dialect, ServerSnapshot server)
    {
        command.CommandText = UpsertSql;
        var values = ServerRowValues.Of(server);
        for (var i = 0; i < values.Length; i++)
        {
            var column = ServerIndexSchema.Columns[i];
            var name = ParameterNames[i];
            switch (column.Type)
            {
                case ServerColumnType.Id:
                    Add(command, name, dialect.ServerId((Guid)values[i]!));
                    break;
                case ServerColumnType.TextList:
                    dialect.SetTags(Add(command, name, null), (IReadOnlyList<string>)values[i]!);
                    break;
                case ServerColumnType.Json:
                    dialect.SetSnapshot(Add(command, name, null), (string)values[i]!);
                    break;
                default:
                    // A NULL carries no type of its own (PostgreSQL needs one); booleans are typed so they bind as truth values.
                    Add(command, name, values[i], column.Nullable || column.Type == ServerColumnType.Boolean ? DbTypeOf(column.Type) : null);
                    break;
            }
        }
    }

    private static DbType DbTypeOf(ServerColumnType type) => type switch
    {
        ServerColumnType.Int32 => DbType.Int32,
        ServerColumnType.Int64 => DbType.Int64,
        ServerColumnType.Boolean => DbType.Boolean,
        _ => DbType.String,
    };

    private static DbParameter Add(DbCommand command, string name, object? value, DbType? type = null) =>
        CommandParameters.Add(command, name, value, type);
}
