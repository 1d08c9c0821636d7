using System.Collections.Frozen;

namespace OrleansCompute.Servers;

/// <summary>
/// Nova's status mapping (<c>nova/api/openstack/common.py</c>, <c>_STATE_MAP</c>): look up the vm_state row;
/// a task_state with its own entry in that row wins, otherwise the row's default. One row per line so a
/// reader can check it against Nova.
/// </summary>
public static class ServerStatusMapper
{
    private static readonly string[] Reboot = [TaskState.Rebooting, TaskState.RebootPending, TaskState.RebootStarted];
    private static readonly string[] HardReboot = [TaskState.RebootingHard, TaskState.RebootPendingHard, TaskState.RebootStartedHard];
    private static readonly string[] Rebuild = [TaskState.Rebuilding, TaskState.RebuildBlockDeviceMapping, TaskState.RebuildSpawning];
    private static readonly string[] Resize = [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeMigrated, TaskState.ResizeFinish];

    private sealed record Row(string Default, FrozenDictionary<string, string> Overrides);

    private static readonly FrozenDictionary<string, Row> Table = new Dictionary<string, Row>
    {
        [VmState.Active] = Make(ServerStatus.Active,
            (Reboot, ServerStatus.Reboot), (HardReboot, ServerStatus.HardReboot),
            ([TaskState.UpdatingPassword], ServerStatus.Password), (Rebuild, ServerStatus.Rebuild),
            ([TaskState.Migrating], ServerStatus.Migrating), (Resize, ServerStatus.Resize)),
        [VmState.Building] = Make(ServerStatus.Build),
        [VmState.Stopped] = Make(ServerStatus.Shutoff, (Resize, ServerStatus.Resize), (Rebuild, ServerStatus.Rebuild)),
        [VmState.Resized] = Make(ServerStatus.VerifyResize, ([TaskState.ResizeReverting], ServerStatus.RevertResize)),
        [VmState.Paused] = Make(ServerStatus.Paused, ([TaskState.Migrating], ServerStatus.Migrating)),
        [VmState.Suspended] = Make(ServerStatus.Suspended),
        [VmState.Rescued] = Make(ServerStatus.Rescue),
        [VmState.Error] = Make(ServerStatus.Error, (Rebuild, ServerStatus.Rebuild)),
        [VmState.Deleted] = Make(ServerStatus.Deleted),
        [VmState.SoftDeleted] = Make(ServerStatus.SoftDeleted),
        [VmState.Shelved] = Make(ServerStatus.Shelved),
        [VmState.ShelvedOffloaded] = Make(ServerStatus.ShelvedOffloaded),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The API status for a server's states; a deleted record is always DELETED.</summary>
    public static string ToStatus(string vmState, string? taskState, bool deleted = false)
    {
        if (deleted)
        {
            return ServerStatus.Deleted;
        }

        if (!Table.TryGetValue(vmState, out var row))
        {
            return ServerStatus.Unknown;
        }

        return taskState is not null && row.Overrides.TryGetValue(taskState, out var status) ? status : row.Default;
    }

    /// <summary>
    /// Nova's reverse mapping for <c>?status=</c>: the vm_states and task_states whose cells yield the status.
    /// TaskStates is null when a row default yields it (then no task filter applies). Null for an unknown status.
    /// </summary>
    public static StatusFilter? ToFilter(string status)
    {
        var wanted = status.ToUpperInvariant();
        var vmStates = new List<string>();
        var taskStates = new List<string>();
        var anyDefault = false;
        foreach (var (vmState, row) in Table)
        {
            if (row.Default == wanted)
            {
                vmStates.Add(vmState);
                anyDefault = true;
            }

            foreach (var (task, mapped) in row.Overrides)
            {
                if (mapped == wanted)
                {
                    if (!vmStates.Contains(vmState))
                    {
                        vmStates.Add(vmState);
                    }

                    if (!taskStates.Contains(task))
                    {
                        taskStates.Add(task);
                    }
                }
            }
        }

        if (vmStates.Count == 0)
        {
            return null;
        }

        return new StatusFilter(vmStates, anyDefault ? null : taskStates);
    }

    private static Row Make(string defaultStatus, params (string[] Tasks, string Status)[] overrides)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tasks, status) in overrides)
        {
            foreach (var task in tasks)
            {
                map[task] = status;
            }
        }

        return new Row(defaultStatus, map.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

/// <summary>The vm_state and task_state sets that a <c>?status=</c> value selects.</summary>
public sealed record StatusFilter(IReadOnlyList<string> VmStates, IReadOnlyList<string>? TaskStates);
