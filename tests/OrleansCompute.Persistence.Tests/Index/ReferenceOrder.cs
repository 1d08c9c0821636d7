using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>
/// The order a list must have, computed in memory from Nova's rules: the requested keys, then created_at and uuid
/// in the first key's direction; NULL before any value ascending (SQLite's and so our documented order), after
/// descending; text compared ordinally.
/// </summary>
public static class ReferenceOrder
{
    private static readonly Dictionary<string, Func<ServerSnapshot, IComparable?>> Values = new()
    {
        ["created_at"] = s => s.CreatedAt.UtcTicks,
        ["updated_at"] = s => s.UpdatedAt.UtcTicks,
        ["display_name"] = s => s.Name,
        ["uuid"] = s => s.Id.ToString("D"),
        ["vm_state"] = s => s.VmState,
        ["task_state"] = s => s.TaskState,
        ["power_state"] = s => s.PowerState,
        ["project_id"] = s => s.ProjectId,
        ["user_id"] = s => s.UserId,
        ["host"] = s => s.Host,
        ["node"] = s => s.Node,
        ["availability_zone"] = s => s.AvailabilityZone,
        ["key_name"] = s => s.KeyName,
        ["launch_index"] = s => s.LaunchIndex,
        ["launched_at"] = s => s.LaunchedAt?.UtcTicks,
        ["terminated_at"] = s => s.TerminatedAt?.UtcTicks,
        ["progress"] = s => s.Progress,
        ["hostname"] = s => s.Hostname,
        ["locked"] = s => s.Locked,
        ["access_ip_v4"] = s => s.AccessIPv4,
        ["access_ip_v6"] = s => s.AccessIPv6,
        ["config_drive"] = s => s.ConfigDrive,
        ["image_ref"] = s => s.ImageRef,
        ["display_description"] = s => s.Description,
        ["auto_disk_config"] = s => s.DiskConfig == "AUTO",
        ["locked_by"] = s => s.LockedBy,
        ["instance_type_id"] = s => s.Flavor.Id,
        // Documented: kernel and ramdisk derive from the image, so the index orders them by image.
        ["kernel_id"] = s => s.ImageRef,
        ["ramdisk_id"] = s => s.ImageRef,
        // Every server has the same root device.
        ["root_device_name"] = _ => "/dev/vda",
    };

    public static IEnumerable<string> Keys => Values.Keys;

    public static List<Guid> Sort(IEnumerable<ServerSnapshot> servers, IReadOnlyList<SortKey> sort)
    {
        var keys = sort.Count == 0 ? [new SortKey("created_at", Descending: true)] : sort.ToList();
        var tieBreak = keys[0].Descending;
        if (!keys.Exists(key => key.Key == "created_at"))
        {
            keys.Add(new SortKey("created_at", tieBreak));
        }

        if (!keys.Exists(key => key.Key == "uuid"))
        {
            keys.Add(new SortKey("uuid", tieBreak));
        }

        var list = servers.ToList();
        list.Sort((a, b) =>
        {
            foreach (var key in keys)
            {
                var compared = CompareNullsFirst(Values[key.Key](a), Values[key.Key](b));
                if (compared != 0)
                {
                    return key.Descending ? -compared : compared;
                }
            }

            return 0;
        });
        return [.. list.Select(server => server.Id)];
    }

    private static int CompareNullsFirst(IComparable? a, IComparable? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => a.CompareTo(b),
    };
}
