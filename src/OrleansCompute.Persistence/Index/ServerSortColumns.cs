using System.Collections.Frozen;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// The fixed whitelist from Nova sort key names to compute_servers columns. Only these names ever reach SQL text;
/// the API validates keys first, so an unknown one here is a programming error.
/// </summary>
internal static class ServerSortColumns
{
    public static readonly ServerSortColumn CreatedAt = new("created_at", Nullable: false);
    public static readonly ServerSortColumn Id = new("id", Nullable: false);

    private static readonly FrozenDictionary<string, ServerSortColumn> ByNovaKey = new Dictionary<string, ServerSortColumn>
    {
        ["created_at"] = CreatedAt,
        ["updated_at"] = new("updated_at", Nullable: false),
        ["display_name"] = new("name", Nullable: false),
        ["uuid"] = Id,
        ["vm_state"] = new("vm_state", Nullable: false),
        ["task_state"] = new("task_state", Nullable: true),
        ["power_state"] = new("power_state", Nullable: false),
        ["project_id"] = new("project_id", Nullable: false),
        ["user_id"] = new("user_id", Nullable: false),
        ["host"] = new("host", Nullable: true),
        ["node"] = new("node", Nullable: true),
        ["availability_zone"] = new("availability_zone", Nullable: false),
        ["key_name"] = new("key_name", Nullable: true),
        ["launch_index"] = new("launch_index", Nullable: false),
        ["launched_at"] = new("launched_at", Nullable: true),
        ["terminated_at"] = new("terminated_at", Nullable: true),
        ["progress"] = new("progress", Nullable: false),
        ["hostname"] = new("hostname", Nullable: false),
        ["locked"] = new("locked", Nullable: false),
        ["access_ip_v4"] = new("access_ip_v4", Nullable: false),
        ["access_ip_v6"] = new("access_ip_v6", Nullable: false),
        ["config_drive"] = new("config_drive", Nullable: false),
        ["image_ref"] = new("image_ref", Nullable: false),
        ["display_description"] = new("description", Nullable: true),
        ["auto_disk_config"] = new("auto_disk_config", Nullable: false),
        ["locked_by"] = new("locked_by", Nullable: true),
        // Nova sorts by its internal flavor row id; ours is the flavor id.
        ["instance_type_id"] = new("flavor_id", Nullable: false),
        // Kernel and ramdisk ids derive from the image, so servers sharing them sort together by image.
        ["kernel_id"] = new("image_ref", Nullable: false),
        ["ramdisk_id"] = new("image_ref", Nullable: false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> NovaKeys => ByNovaKey.Keys.Append(RootDeviceName);

    /// <summary>Every server has the same root device, so this key orders nothing and is skipped.</summary>
    public const string RootDeviceName = "root_device_name";

    public static ServerSortColumn Resolve(string novaKey) =>
        ByNovaKey.TryGetValue(novaKey, out var column)
            ? column
            : throw new ArgumentException($"Sort key '{novaKey}' is not supported.", nameof(novaKey));
}
