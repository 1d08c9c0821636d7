using OrleansCompute.Servers;

namespace OrleansCompute.Events;

/// <summary>
/// Which of Nova's versioned notifications a committed change is. An action starts when a server enters one of
/// its task states and ends when it leaves them (<c>.error</c> when it left the server in ERROR); a hard delete
/// ends with <c>instance.delete.end</c>; a change of state outside any action (a reset, for example) is <c>instance.update</c>.
/// </summary>
public static class InstanceEventTypes
{
    /// <summary>The event types of the change from <paramref name="previous"/> (null: the server is new) to <paramref name="next"/>, in order.</summary>
    public static IReadOnlyList<(string EventType, string Priority)> For(ServerSnapshot? previous, ServerSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var events = new List<(string, string)>();
        var before = previous is null ? null : ActionOf(previous.TaskState);
        var after = next.Deleted ? null : ActionOf(next.TaskState);
        var failed = next.VmState == VmState.Error && previous?.VmState != VmState.Error;
        if (previous is null)
        {
            events.Add(Info("create", "start"));
            if (failed)
            {
                events.Add(Error("create"));
            }

            return events;
        }

        if (before != after)
        {
            if (before is not null)
            {
                events.Add(failed ? Error(before) : Info(before, "end"));
            }

            if (after is not null)
            {
                events.Add(Info(after, "start"));
            }
        }

        if (next.Deleted && !previous.Deleted && before != "delete")
        {
            // Deleted without passing through "deleting" (a server that never built, a reclaim).
            events.Add(Info("delete", "start"));
            events.Add(Info("delete", "end"));
        }

        if (previous.Locked != next.Locked)
        {
            events.Add(("instance." + (next.Locked ? "lock" : "unlock"), "INFO"));
        }

        if (events.Count == 0 && before is null && after is null && (previous.VmState != next.VmState || previous.TaskState != next.TaskState || previous.PowerState != next.PowerState))
        {
            events.Add(("instance.update", "INFO"));
        }

        return events;
    }

    /// <summary>The action (Nova's notification name) a task state belongs to; null for none.</summary>
    public static string? ActionOf(string? taskState) => taskState switch
    {
        null => null,
        TaskState.Scheduling or TaskState.BlockDeviceMapping or TaskState.Networking or TaskState.Spawning => "create",
        TaskState.Deleting => "delete",
        TaskState.SoftDeleting => "soft_delete",
        TaskState.Restoring => "restore",
        TaskState.PoweringOff => "power_off",
        TaskState.PoweringOn => "power_on",
        TaskState.Rebooting or TaskState.RebootPending or TaskState.RebootStarted
            or TaskState.RebootingHard or TaskState.RebootPendingHard or TaskState.RebootStartedHard => "reboot",
        TaskState.Pausing => "pause",
        TaskState.Unpausing => "unpause",
        TaskState.Suspending => "suspend",
        TaskState.Resuming => "resume",
        TaskState.Rescuing => "rescue",
        TaskState.Unrescuing => "unrescue",
        TaskState.Rebuilding or TaskState.RebuildBlockDeviceMapping or TaskState.RebuildSpawning => "rebuild",
        TaskState.Shelving or TaskState.ShelvingImagePendingUpload or TaskState.ShelvingImageUploading => "shelve",
        TaskState.ShelvingOffloading => "shelve_offload",
        TaskState.Unshelving => "unshelve",
        TaskState.ResizePrep or TaskState.ResizeMigrating or TaskState.ResizeMigrated or TaskState.ResizeFinish => "resize",
        TaskState.ResizeReverting => "resize_revert",
        TaskState.ResizeConfirming => "resize_confirm",
        TaskState.Migrating => "live_migration",
        TaskState.ImageSnapshot or TaskState.ImageSnapshotPending or TaskState.ImagePendingUpload
            or TaskState.ImageUploading or TaskState.ImageBackup => "snapshot",
        TaskState.UpdatingPassword => "update_password",
        _ => "update",
    };

    private static (string, string) Info(string action, string phase) => ($"instance.{action}.{phase}", "INFO");

    private static (string, string) Error(string action) => ($"instance.{action}.error", "ERROR");
}
