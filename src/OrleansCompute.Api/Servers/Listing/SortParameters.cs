using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// Nova's <c>sort_key</c> / <c>sort_dir</c>: keys and directions pair up by position; legacy keys are dropped with
/// their direction before 2.75 and rejected from 2.75; host and node are for admins; more directions than keys, or
/// a direction other than <c>asc</c>/<c>desc</c>, is a 400. Missing directions repeat the first, default desc.
/// </summary>
internal static class SortParameters
{
    private static readonly string[] Allowed =
    [
        "access_ip_v4", "access_ip_v6", "auto_disk_config", "availability_zone", "config_drive", "created_at",
        "display_description", "display_name", "host", "hostname", "image_ref", "instance_type_id", "kernel_id",
        "key_name", "launch_index", "launched_at", "locked_by", "node", "power_state", "progress", "project_id",
        "ramdisk_id", "root_device_name", "task_state", "terminated_at", "updated_at", "user_id", "uuid", "vm_state",
    ];

    private static readonly string[] Ignored =
    [
        "architecture", "cell_name", "cleaned", "default_ephemeral_device", "default_swap_device", "deleted",
        "deleted_at", "disable_terminate", "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on",
        "locked", "memory_mb", "os_type", "reservation_id", "root_gb", "shutdown_terminate", "user_data", "vcpus",
        "vm_mode",
    ];

    private static readonly FrozenSet<string> AdminOnly = new[] { "host", "node" }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<SortKey> Parse(StringValues keys, StringValues directions, CallerContext caller, ApiVersion version)
    {
        var allowed = AllowedAt(version);
        var ignored = IgnoredAt(version);
        foreach (var key in keys)
        {
            if (!allowed.Contains(key ?? "") && !ignored.Contains(key ?? ""))
            {
                var names = string.Join(", ", allowed.Concat(ignored).Order(StringComparer.Ordinal).Select(name => $"'{name}'"));
                throw ComputeFaultException.BadRequest($"Invalid input for query parameters sort_key. Value: {key}. '{key}' is not one of [{names}]");
            }
        }

        var keptKeys = new List<string>();
        var keptDirections = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i]!;
            if (ignored.Contains(key))
            {
                continue;
            }

            if (AdminOnly.Contains(key) && !caller.IsAdmin)
            {
                throw ComputeFaultException.Forbidden($"Only administrators can sort servers by {key}");
            }

            keptKeys.Add(key);
            if (i < directions.Count)
            {
                keptDirections.Add(directions[i] ?? "");
            }
        }

        // Directions beyond the keys survive the removal above, as in Nova, and then fail the size check.
        for (var i = keys.Count; i < directions.Count; i++)
        {
            keptDirections.Add(directions[i] ?? "");
        }

        // Nova's process_sort_params: every direction is checked first, then the counts (a lone sort_dir is a 400).
        foreach (var direction in keptDirections)
        {
            if (direction is not ("asc" or "desc"))
            {
                throw ComputeFaultException.BadRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'");
            }
        }

        if (keptDirections.Count > keptKeys.Count)
        {
            throw ComputeFaultException.BadRequest("Invalid input received: Sort direction size exceeds sort key size");
        }

        var first = keptDirections.Count > 0 ? keptDirections[0] : "desc";
        var result = new List<SortKey>(keptKeys.Count);
        for (var i = 0; i < keptKeys.Count; i++)
        {
            var direction = i < keptDirections.Count ? keptDirections[i] : first;
            result.Add(new SortKey(keptKeys[i], direction == "desc"));
        }

        return result;
    }

    private static HashSet<string> AllowedAt(ApiVersion version)
    {
        var allowed = new HashSet<string>(Allowed, StringComparer.Ordinal);
        if (version.AtLeast(2, 73))
        {
            allowed.Add("locked");
        }

        return allowed;
    }

    private static HashSet<string> IgnoredAt(ApiVersion version)
    {
        if (version.AtLeast(2, 75))
        {
            return [];
        }

        var ignored = new HashSet<string>(Ignored, StringComparer.Ordinal);
        if (version.AtLeast(2, 73))
        {
            ignored.Remove("locked");
        }

        return ignored;
    }
}
