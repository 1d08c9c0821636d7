using System.Collections.Frozen;
using OrleansCompute.Driver;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Servers.TaskState;
using Vm = OrleansCompute.Servers.VmState;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// THE lifecycle table: one row per action, to be read against Nova (<c>nova/compute/api.py</c> decorators
/// <c>check_instance_lock</c> / <c>check_instance_host</c> / <c>check_instance_state</c>, and the final states
/// set by <c>nova/compute/manager.py</c>). Defaults of a row, as in Nova's decorator: task_state must be idle
/// (null), launched_at must be set, the lock is checked, and a failure reverts the task_state.
/// Where a row's end is "null" the server keeps its vm_state, or the grain computes it as the comment says.
/// </summary>
public static class ServerLifecycle
{
    /// <summary>Nova's default <c>task_state=(None,)</c>: only an idle server.</summary>
    public static readonly IReadOnlySet<string?> Idle = new HashSet<string?> { null }.ToFrozenSet();

    /// <summary>Nova's <c>task_states.ALLOW_REBOOT</c>: the task_states a hard reboot may interrupt.</summary>
    public static readonly IReadOnlySet<string?> AllowReboot = new HashSet<string?>
    {
        null, Rebooting, RebootPending, RebootStarted, RebootingHard, Resuming, Unpausing, Pausing, Suspending,
    }.ToFrozenSet();

    private static IReadOnlySet<string> States(params string[] states) => states.ToFrozenSet(StringComparer.Ordinal);

    private static TransitionPhase[] Phase(DriverOperation operation, params string[] taskStates) => [new(operation, taskStates)];

    private static readonly ServerTransition[] Rows =
    [
        // reboot SOFT: ALLOW_SOFT_REBOOT, idle → rebooting... (REBOOT) → active, running. Failure: ERROR.
        new() { Action = ServerActionKind.Reboot, ConflictName = "reboot", InstanceAction = "reboot", Event = "compute_reboot_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Reboot, Rebooting, RebootPending, RebootStarted),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // reboot HARD: ALLOW_HARD_REBOOT, ALLOW_REBOOT → rebooting_hard... (HARD_REBOOT only from active) → active, running.
        new() { Action = ServerActionKind.RebootHard, ConflictName = "reboot", InstanceAction = "reboot", Event = "compute_reboot_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended, Vm.Error), TaskStates = AllowReboot,
            Phases = Phase(DriverOperation.RebootHard, RebootingHard, RebootPendingHard, RebootStartedHard),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // os-stop: host; active, error → powering-off (status unchanged) → stopped (SHUTOFF), shutdown.
        new() { Action = ServerActionKind.Stop, ConflictName = "stop", InstanceAction = "stop", Event = "compute_stop_instance",
            VmStates = States(Vm.Active, Vm.Error), MustHaveHost = true,
            Phases = Phase(DriverOperation.PowerOff, PoweringOff),
            EndVmState = Vm.Stopped, EndPowerState = PowerState.Shutdown },

        // os-start: host; stopped → powering-on (SHUTOFF) → active, running.
        new() { Action = ServerActionKind.Start, ConflictName = "start", InstanceAction = "start", Event = "compute_start_instance",
            VmStates = States(Vm.Stopped), MustHaveHost = true,
            Phases = Phase(DriverOperation.PowerOn, PoweringOn),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // pause: active → pausing → paused (PAUSED), power paused.
        new() { Action = ServerActionKind.Pause, ConflictName = "pause", InstanceAction = "pause", Event = "compute_pause_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Pause, Pausing),
            EndVmState = Vm.Paused, EndPowerState = PowerState.Paused },

        // unpause: paused → unpausing → active, running.
        new() { Action = ServerActionKind.Unpause, ConflictName = "unpause", InstanceAction = "unpause", Event = "compute_unpause_instance",
            VmStates = States(Vm.Paused),
            Phases = Phase(DriverOperation.Unpause, Unpausing),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // suspend: active → suspending → suspended (SUSPENDED), power suspended.
        new() { Action = ServerActionKind.Suspend, ConflictName = "suspend", InstanceAction = "suspend", Event = "compute_suspend_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Suspend, Suspending),
            EndVmState = Vm.Suspended, EndPowerState = PowerState.Suspended },

        // resume: suspended → resuming → active, running.
        new() { Action = ServerActionKind.Resume, ConflictName = "resume", InstanceAction = "resume", Event = "compute_resume_instance",
            VmStates = States(Vm.Suspended),
            Phases = Phase(DriverOperation.Resume, Resuming),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // shelve: active, stopped, paused, suspended → shelving... → shelved, shutdown; with shelved_offload_time 0
        // the grain goes straight on (shelving_offloading) to shelved_offloaded in the same operation.
        new() { Action = ServerActionKind.Shelve, ConflictName = "shelve", InstanceAction = "shelve", Event = "compute_shelve_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended),
            Phases = Phase(DriverOperation.Shelve, Shelving, ShelvingImagePendingUpload, ShelvingImageUploading),
            EndVmState = Vm.Shelved, EndPowerState = PowerState.Shutdown },

        // shelveOffload (admin policy): shelved → shelving_offloading → shelved_offloaded; host and node cleared.
        new() { Action = ServerActionKind.ShelveOffload, ConflictName = "shelveOffload", InstanceAction = "shelveOffload", Event = "compute_shelve_offload_instance",
            VmStates = States(Vm.Shelved), AdminPolicy = "os_compute_api:os-shelve:shelve_offload",
            Phases = Phase(DriverOperation.ShelveOffload, ShelvingOffloading),
            EndVmState = Vm.ShelvedOffloaded, EndPowerState = PowerState.Shutdown },

        // unshelve: shelved, shelved_offloaded → unshelving, spawning → active, running (a new host when offloaded).
        new() { Action = ServerActionKind.Unshelve, ConflictName = "unshelve", InstanceAction = "unshelve", Event = "compute_unshelve_instance",
            VmStates = States(Vm.Shelved, Vm.ShelvedOffloaded),
            Phases = Phase(DriverOperation.Unshelve, Unshelving, Spawning),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // rescue: active, stopped, error → rescuing → rescued (RESCUE), running. Failure: ERROR (InstanceNotRescuable).
        new() { Action = ServerActionKind.Rescue, ConflictName = "rescue", InstanceAction = "rescue", Event = "compute_rescue_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Error),
            Phases = Phase(DriverOperation.Rescue, Rescuing),
            EndVmState = Vm.Rescued, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // unrescue: rescued → unrescuing → active, running.
        new() { Action = ServerActionKind.Unrescue, ConflictName = "unrescue", InstanceAction = "unrescue", Event = "compute_unrescue_instance",
            VmStates = States(Vm.Rescued),
            Phases = Phase(DriverOperation.Unrescue, Unrescuing),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // rebuild: active, stopped, error → rebuilding, rebuild_block_device_mapping, rebuild_spawning (REBUILD)
        // → stopped (shutdown) if it was stopped, else active (running). Failure: ERROR.
        new() { Action = ServerActionKind.Rebuild, ConflictName = "rebuild", InstanceAction = "rebuild", Event = "compute_rebuild_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Error),
            Phases = Phase(DriverOperation.Rebuild, Rebuilding, RebuildBlockDeviceMapping, RebuildSpawning),
            OnFailure = FailureOutcome.Error },

        // resize: host; active, stopped → resize_prep, resize_migrating, resize_migrated, resize_finish (RESIZE)
        // → resized (VERIFY_RESIZE), power as it was. Failure: ERROR.
        new() { Action = ServerActionKind.Resize, ConflictName = "resize", InstanceAction = "resize", Event = "compute_resize_instance",
            VmStates = States(Vm.Active, Vm.Stopped), MustHaveHost = true,
            Phases = [new(DriverOperation.MigrateDisk, [ResizePrep, ResizeMigrating, ResizeMigrated]), new(DriverOperation.FinishMigration, [ResizeFinish])],
            EndVmState = Vm.Resized, OnFailure = FailureOutcome.Error },

        // confirmResize: resized; task_state stays null (VERIFY_RESIZE while it runs) → stopped if powered off, else active.
        new() { Action = ServerActionKind.ConfirmResize, ConflictName = "confirmResize", InstanceAction = "confirmResize", Event = "compute_confirm_resize",
            VmStates = States(Vm.Resized),
            Phases = Phase(DriverOperation.ConfirmMigration),
            OnFailure = FailureOutcome.Error },

        // revertResize: resized → resize_reverting (REVERT_RESIZE) → the vm_state and flavor it had before.
        new() { Action = ServerActionKind.RevertResize, ConflictName = "revertResize", InstanceAction = "revertResize", Event = "compute_revert_resize",
            VmStates = States(Vm.Resized),
            Phases = Phase(DriverOperation.RevertMigration, ResizeReverting),
            OnFailure = FailureOutcome.Error },

        // migrate (cold; admin policy): a resize to the same flavor on another host → resized (VERIFY_RESIZE).
        new() { Action = ServerActionKind.Migrate, ConflictName = "migrate", InstanceAction = "migrate", Event = "compute_resize_instance",
            VmStates = States(Vm.Active, Vm.Stopped), MustHaveHost = true, AdminPolicy = "os_compute_api:os-migrate-server:migrate",
            Phases = [new(DriverOperation.MigrateDisk, [ResizePrep, ResizeMigrating, ResizeMigrated]), new(DriverOperation.FinishMigration, [ResizeFinish])],
            EndVmState = Vm.Resized, OnFailure = FailureOutcome.Error },

        // os-migrateLive (admin policy): host; active, paused → migrating (MIGRATING) → same vm_state on another host.
        new() { Action = ServerActionKind.LiveMigrate, ConflictName = "os-migrateLive", InstanceAction = "live-migration", Event = "compute_live_migration",
            VmStates = States(Vm.Active, Vm.Paused), MustHaveHost = true, AdminPolicy = "os_compute_api:os-migrate-server:migrate_live",
            Phases = Phase(DriverOperation.LiveMigrate, Migrating) },

        // changePassword: active → updating_password (PASSWORD) → active.
        new() { Action = ServerActionKind.ChangePassword, ConflictName = "changePassword", InstanceAction = "changePassword", Event = "compute_set_admin_password",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.SetAdminPassword, UpdatingPassword) },

        // createImage: no lock check; active, stopped, paused, suspended → image_snapshot_pending... → idle; status unchanged.
        new() { Action = ServerActionKind.CreateImage, ConflictName = "createImage", InstanceAction = "createImage", Event = "compute_snapshot_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended), ChecksLock = false,
            Phases = Phase(DriverOperation.Snapshot, ImageSnapshotPending, ImageSnapshot, ImagePendingUpload, ImageUploading) },

        // createBackup: as createImage, with image_backup.
        new() { Action = ServerActionKind.CreateBackup, ConflictName = "createBackup", InstanceAction = "createBackup", Event = "compute_backup_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended), ChecksLock = false,
            Phases = Phase(DriverOperation.Backup, ImageBackup) },

        // trigger_crash_dump (2.17+): host; active, paused, rescued, resized, error; no state change.
        new() { Action = ServerActionKind.TriggerCrashDump, ConflictName = "trigger_crash_dump", InstanceAction = "trigger_crash_dump", Event = "compute_trigger_crash_dump",
            VmStates = States(Vm.Active, Vm.Paused, Vm.Rescued, Vm.Resized, Vm.Error), MustHaveHost = true,
            Phases = Phase(DriverOperation.CrashDump) },

        // lock / unlock: no state check, synchronous.
        new() { Action = ServerActionKind.Lock, ConflictName = "lock", InstanceAction = "lock",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },
        new() { Action = ServerActionKind.Unlock, ConflictName = "unlock", InstanceAction = "unlock",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // os-resetState (admin): any state, synchronous: vm_state as given, task_state null.
        new() { Action = ServerActionKind.ResetState, ConflictName = "os-resetState", InstanceAction = "resetState",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false, AdminPolicy = "os_compute_api:os-admin-actions:reset_state" },

        // injectNetworkInfo (admin): any state; nothing visible changes.
        new() { Action = ServerActionKind.InjectNetworkInfo, ConflictName = "injectNetworkInfo", InstanceAction = null,
            VmStates = null, TaskStates = null, MustHaveLaunched = false, AdminPolicy = "os_compute_api:os-admin-actions:inject_network_info" },

        // addSecurityGroup / removeSecurityGroup: no state or lock check, synchronous (Neutron's port update).
        new() { Action = ServerActionKind.AddSecurityGroup, ConflictName = "addSecurityGroup",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },
        new() { Action = ServerActionKind.RemoveSecurityGroup, ConflictName = "removeSecurityGroup",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // restore: soft-delete → restoring → active, running (at once when the server has no host).
        new() { Action = ServerActionKind.Restore, ConflictName = "restore", InstanceAction = "restore", Event = "compute_restore_instance",
            VmStates = States(Vm.SoftDeleted),
            Phases = Phase(DriverOperation.Restore, Restoring),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // forceDelete: any vm_state, idle (Nova's decorator default), never launched allowed → deleting → deleted.
        new() { Action = ServerActionKind.ForceDelete, ConflictName = "forceDelete", InstanceAction = "delete", Event = "compute_terminate_instance",
            VmStates = null, MustHaveLaunched = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },

        // DELETE /servers/{id}: no state check at all → deleting → deleted (a repeated delete is a no-op).
        new() { Action = ServerActionKind.Delete, ConflictName = "delete", InstanceAction = "delete", Event = "compute_terminate_instance",
            VmStates = null, TaskStates = null, MustHaveLaunched = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },

        // soft delete (DELETE with reclaim_instance_interval > 0 on a launched server) → soft-deleting → soft-delete, shutdown.
        new() { Action = ServerActionKind.SoftDelete, ConflictName = "delete", InstanceAction = "delete", Event = "compute_soft_delete_instance",
            VmStates = null, TaskStates = null,
            Phases = Phase(DriverOperation.SoftDelete, SoftDeleting),
            EndVmState = Vm.SoftDeleted, EndPowerState = PowerState.Shutdown, OnFailure = FailureOutcome.Error },

        // reclaim (reminder, reclaim_instance_interval after the soft delete): soft-delete, idle → deleting → deleted.
        new() { Action = ServerActionKind.Reclaim, ConflictName = "delete", InstanceAction = null, Event = null,
            VmStates = States(Vm.SoftDeleted), MustHaveLaunched = false, ChecksLock = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },
    ];

    /// <summary>The rows by action.</summary>
    public static IReadOnlyDictionary<ServerActionKind, ServerTransition> Table { get; } = Rows.ToFrozenDictionary(r => r.Action);

    /// <summary>The row of an action.</summary>
    public static ServerTransition For(ServerActionKind action) => Table[action];
}
