using System.Collections.Frozen;
using OrleansCompute.Api.Microversions;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// The query parameters of <c>GET /servers[/detail]</c> as Nova's per-version query schemas and its non-admin
/// allow list define them. Names not in a version's schema are stripped before 2.75 and rejected from 2.75;
/// names in the schema that a non-admin may not use are stripped at every version.
/// </summary>
internal static class ListParameters
{
    /// <summary>Parameters whose value is a regular expression (schema format <c>regex</c>): validated for everyone.</summary>
    public static readonly FrozenSet<string> RegexValued = new[]
    {
        "kernel_id", "ramdisk_id", "hostname", "key_name", "power_state", "node", "flavor", "reservation_id",
        "launched_at", "terminated_at", "availability_zone", "name", "display_name", "description",
        "display_description", "locked_by", "created_at", "root_device_name", "config_drive", "access_ip_v4",
        "access_ip_v6", "auto_disk_config", "progress", "launch_index", "ip", "ip6",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The longest regular expression a filter may have (400 beyond). Nova sets no bound, but every field these
    /// patterns match is at most 255 characters, and the pattern's length bounds the work of each row's match.
    /// </summary>
    public const int MaxPatternLength = 255;

    /// <summary>Names of joined tables: in the schema, but an admin filtering by them gets a 400 (Nova's JOINED_TABLE_QUERY_PARAMS_SERVERS).</summary>
    public static readonly FrozenSet<string> JoinedTables = new[]
    {
        "block_device_mapping", "services", "metadata", "system_metadata", "info_cache", "security_groups", "pci_devices",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Parameters whose every value counts; all others keep only their last value, as Nova reads them.</summary>
    public static readonly FrozenSet<string> MultiValued = new[] { "status", "sort_key", "sort_dir" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] Base =
    [
        "user_id", "project_id", "tenant_id", "launch_index", "image_ref", "image", "kernel_id", "ramdisk_id",
        "hostname", "key_name", "power_state", "vm_state", "task_state", "host", "node", "flavor", "reservation_id",
        "launched_at", "terminated_at", "availability_zone", "name", "display_name", "description",
        "display_description", "locked_by", "uuid", "root_device_name", "config_drive", "access_ip_v4", "access_ip_v6",
        "auto_disk_config", "progress", "sort_key", "sort_dir", "all_tenants", "soft_deleted", "deleted", "status",
        "changes-since", "ip", "ip6", "created_at", "limit", "marker",
    ];

    private static readonly (ApiVersion Since, string[] Names)[] SchemaAdditions =
    [
        (new(2, 26), ["tags", "tags-any", "not-tags", "not-tags-any"]),
        (new(2, 66), ["changes-before"]),
        (new(2, 73), ["locked"]),
    ];

    // Paging and sorting are handled on their own for every caller; the rest is Nova's allow list by version.
    private static readonly (ApiVersion Since, string[] Names)[] NonAdminAllowed =
    [
        (new(2, 1), ["reservation_id", "name", "status", "image", "flavor", "ip", "changes-since", "all_tenants", "sort_key", "sort_dir", "limit", "marker"]),
        (new(2, 5), ["ip6"]),
        (new(2, 26), ["tags", "tags-any", "not-tags", "not-tags-any"]),
        (new(2, 66), ["changes-before"]),
        (new(2, 73), ["locked"]),
        (new(2, 83), ["availability_zone", "config_drive", "key_name", "created_at", "launched_at", "terminated_at", "power_state", "task_state", "vm_state", "progress", "user_id"]),
        (new(2, 90), ["hostname"]),
    ];

    /// <summary>Whether the name is in the query schema of this version (joined-table and <c>_</c> names always are).</summary>
    public static bool InSchema(string name, ApiVersion version) =>
        Base.Contains(name, StringComparer.Ordinal)
        || JoinedTables.Contains(name)
        || name.StartsWith('_')
        || SchemaAdditions.Any(addition => version >= addition.Since && addition.Names.Contains(name, StringComparer.Ordinal));

    /// <summary>Whether a caller without the admin role keeps this parameter at this version.</summary>
    public static bool AllowedForNonAdmin(string name, ApiVersion version) =>
        NonAdminAllowed.Any(allowed => version >= allowed.Since && allowed.Names.Contains(name, StringComparer.Ordinal));
}
