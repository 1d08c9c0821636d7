using System.Collections.Frozen;
using OrleansCompute.Driver;
using OrleansCompute.Policy;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Servers.TaskState;
using Vm = OrleansCompute.Servers.VmState;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// THE lifecycle table: one row per action, to be read against Nova (<c>nova/compute/api.py</c> decorators
/// <c>check_instance_lock</c> / <c>check_instance_host</c> / <c>check_instance_state</c>, and the final states
/// set by <c>nova/compute/manager.py</c>), and the rest of each transition: its policy rule, the deadline it sets,
/// the hooks it runs, its handler. Defaults of a row, as in Nova's decorator: task_state must be idle (null),
/// launched_at must be set, the lock is checked, the policy is project member or admin, and a failure reverts
/// the task_state. Where a row's end is "null" the server keeps its vm_state, or its handler computes it.
/// Adding an action = a <see cref="ServerActionKind"/>, a row here and at most one handler in <c>Servers/Actions</c>.
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

    private static readonly ServerAction Snapshot = new SnapshotAction();
    private static readonly ServerAction Delete = new DeleteAction();

    private static TransitionPhase[] Phase(DriverOperation operation, params string[] taskStates) => [new(operation, taskStates)];

    private static readonly ServerTransition[] Rows =
    [
        // reboot SOFT: ALLOW_SOFT_REBOOT, idle → rebooting... (REBOOT) → active, running. Failure: ERROR.
        new() { Action = ServerActionKind.Reboot, ConflictName = "reboot", Policy = ComputePolicies.ServersReboot, InstanceAction = "reboot", Event = "compute_reboot_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Reboot, Rebooting, RebootPending, RebootStarted),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // reboot HARD: ALLOW_HARD_REBOOT, ALLOW_REBOOT → rebooting_hard... (HARD_REBOOT only from active) → active, running.
        new() { Action = ServerActionKind.RebootHard, ConflictName = "reboot", Policy = ComputePolicies.ServersReboot, SupersedesOperation = true, InstanceAction = "reboot", Event = "compute_reboot_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended, Vm.Error), TaskStates = AllowReboot,
            Phases = Phase(DriverOperation.RebootHard, RebootingHard, RebootPendingHard, RebootStartedHard),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // os-stop: host; active, error → powering-off (status unchanged) → stopped (SHUTOFF), shutdown.
        new() { Action = ServerActionKind.Stop, ConflictName = "stop", Policy = ComputePolicies.ServersStop, InstanceAction = "stop", Event = "compute_stop_instance",
            VmStates = States(Vm.Active, Vm.Error), MustHaveHost = true,
            Phases = Phase(DriverOperation.PowerOff, PoweringOff),
            EndVmState = Vm.Stopped, EndPowerState = PowerState.Shutdown },

        // os-start: host; stopped → powering-on (SHUTOFF) → active, running.
        new() { Action = ServerActionKind.Start, ConflictName = "start", Policy = ComputePolicies.ServersStart, InstanceAction = "start", Event = "compute_start_instance",
            VmStates = States(Vm.Stopped), MustHaveHost = true,
            Phases = Phase(DriverOperation.PowerOn, PoweringOn),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // pause: active → pausing → paused (PAUSED), power paused.
        new() { Action = ServerActionKind.Pause, ConflictName = "pause", Policy = ComputePolicies.Pause, InstanceAction = "pause", Event = "compute_pause_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Pause, Pausing),
            EndVmState = Vm.Paused, EndPowerState = PowerState.Paused },

        // unpause: paused → unpausing → active, running.
        new() { Action = ServerActionKind.Unpause, ConflictName = "unpause", Policy = ComputePolicies.Unpause, InstanceAction = "unpause", Event = "compute_unpause_instance",
            VmStates = States(Vm.Paused),
            Phases = Phase(DriverOperation.Unpause, Unpausing),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // suspend: active → suspending → suspended (SUSPENDED), power suspended.
        new() { Action = ServerActionKind.Suspend, ConflictName = "suspend", Policy = ComputePolicies.Suspend, InstanceAction = "suspend", Event = "compute_suspend_instance",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.Suspend, Suspending),
            EndVmState = Vm.Suspended, EndPowerState = PowerState.Suspended },

        // resume: suspended → resuming → active, running.
        new() { Action = ServerActionKind.Resume, ConflictName = "resume", Policy = ComputePolicies.Resume, InstanceAction = "resume", Event = "compute_resume_instance",
            VmStates = States(Vm.Suspended),
            Phases = Phase(DriverOperation.Resume, Resuming),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // shelve: active, stopped, paused, suspended → shelving... → shelved, shutdown; with shelved_offload_time 0
        // the grain goes straight on (shelving_offloading) to shelved_offloaded in the same operation.
        new() { Action = ServerActionKind.Shelve, ConflictName = "shelve", Policy = ComputePolicies.Shelve, Handler = new ShelveAction(), InstanceAction = "shelve", Event = "compute_shelve_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended),
            Phases = Phase(DriverOperation.Shelve, Shelving, ShelvingImagePendingUpload, ShelvingImageUploading),
            EndVmState = Vm.Shelved, EndPowerState = PowerState.Shutdown, SetsDeadline = ServerDeadlines.Offload },

        // shelveOffload (admin policy): shelved → shelving_offloading → shelved_offloaded; host and node cleared.
        new() { Action = ServerActionKind.ShelveOffload, ConflictName = "shelveOffload", Policy = ComputePolicies.ShelveOffload, Access = DefaultAccess.Admin, Handler = new ShelveOffloadAction(), InstanceAction = "shelveOffload", Event = "compute_shelve_offload_instance",
            VmStates = States(Vm.Shelved),
            Phases = Phase(DriverOperation.ShelveOffload, ShelvingOffloading),
            EndVmState = Vm.ShelvedOffloaded, EndPowerState = PowerState.Shutdown,
            ClearsDeadlines = [ServerDeadlines.Offload], Hooks = [ServerHook.ReleaseHostResources] },

        // unshelve: shelved, shelved_offloaded → unshelving, spawning → active, running (a new host when offloaded).
        new() { Action = ServerActionKind.Unshelve, ConflictName = "unshelve", Policy = ComputePolicies.Unshelve, Handler = new UnshelveAction(), InstanceAction = "unshelve", Event = "compute_unshelve_instance",
            VmStates = States(Vm.Shelved, Vm.ShelvedOffloaded),
            Phases = Phase(DriverOperation.Unshelve, Unshelving, Spawning),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, ClearsDeadlines = [ServerDeadlines.Offload] },

        // rescue: active, stopped, error → rescuing → rescued (RESCUE), running. Failure: ERROR (InstanceNotRescuable).
        new() { Action = ServerActionKind.Rescue, ConflictName = "rescue", Policy = ComputePolicies.Rescue, Handler = new RescueAction(), InstanceAction = "rescue", Event = "compute_rescue_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Error),
            Phases = Phase(DriverOperation.Rescue, Rescuing),
            EndVmState = Vm.Rescued, EndPowerState = PowerState.Running, OnFailure = FailureOutcome.Error },

        // unrescue: rescued → unrescuing → active, running.
        new() { Action = ServerActionKind.Unrescue, ConflictName = "unrescue", Policy = ComputePolicies.Unrescue, InstanceAction = "unrescue", Event = "compute_unrescue_instance",
            VmStates = States(Vm.Rescued),
            Phases = Phase(DriverOperation.Unrescue, Unrescuing),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running },

        // rebuild: active, stopped, error → rebuilding, rebuild_block_device_mapping, rebuild_spawning (REBUILD)
        // → stopped (shutdown) if it was stopped, else active (running). Failure: ERROR.
        new() { Action = ServerActionKind.Rebuild, ConflictName = "rebuild", Policy = ComputePolicies.ServersRebuild, Handler = new RebuildAction(), InstanceAction = "rebuild", Event = "compute_rebuild_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Error),
            Phases = Phase(DriverOperation.Rebuild, Rebuilding, RebuildBlockDeviceMapping, RebuildSpawning),
            OnFailure = FailureOutcome.Error },

        // resize: host; active, stopped → resize_prep, resize_migrating, resize_migrated, resize_finish (RESIZE)
        // → resized (VERIFY_RESIZE), power as it was. Failure: ERROR.
        new() { Action = ServerActionKind.Resize, ConflictName = "resize", Policy = ComputePolicies.ServersResize, Handler = new ResizeAction(), InstanceAction = "resize", Event = "compute_resize_instance",
            VmStates = States(Vm.Active, Vm.Stopped), MustHaveHost = true,
            Phases = [new(DriverOperation.MigrateDisk, [ResizePrep, ResizeMigrating, ResizeMigrated]), new(DriverOperation.FinishMigration, [ResizeFinish])],
            EndVmState = Vm.Resized, SetsDeadline = ServerDeadlines.ConfirmResize, OnFailure = FailureOutcome.Error },

        // confirmResize: resized; task_state stays null (VERIFY_RESIZE while it runs) → stopped if powered off, else active.
        new() { Action = ServerActionKind.ConfirmResize, ConflictName = "confirmResize", Policy = ComputePolicies.ServersConfirmResize, Handler = new ConfirmResizeAction(), InstanceAction = "confirmResize", Event = "compute_confirm_resize",
            VmStates = States(Vm.Resized),
            Phases = Phase(DriverOperation.ConfirmMigration),
            ClearsDeadlines = [ServerDeadlines.ConfirmResize], Hooks = [ServerHook.SettleResizeQuota],
            OnFailure = FailureOutcome.Error },

        // revertResize: resized → resize_reverting (REVERT_RESIZE) → the vm_state and flavor it had before.
        new() { Action = ServerActionKind.RevertResize, ConflictName = "revertResize", Policy = ComputePolicies.ServersRevertResize, Handler = new RevertResizeAction(), InstanceAction = "revertResize", Event = "compute_revert_resize",
            VmStates = States(Vm.Resized),
            Phases = Phase(DriverOperation.RevertMigration, ResizeReverting),
            ClearsDeadlines = [ServerDeadlines.ConfirmResize], Hooks = [ServerHook.SettleResizeQuota],
            OnFailure = FailureOutcome.Error },

        // migrate (cold; policy project manager or admin, a host admin only): a resize to the same flavor on another host → resized (VERIFY_RESIZE).
        new() { Action = ServerActionKind.Migrate, ConflictName = "migrate", Policy = ComputePolicies.Migrate, Access = DefaultAccess.ProjectManager, Handler = new MigrateAction(), InstanceAction = "migrate", Event = "compute_resize_instance",
            VmStates = States(Vm.Active, Vm.Stopped), MustHaveHost = true,
            Phases = [new(DriverOperation.MigrateDisk, [ResizePrep, ResizeMigrating, ResizeMigrated]), new(DriverOperation.FinishMigration, [ResizeFinish])],
            EndVmState = Vm.Resized, SetsDeadline = ServerDeadlines.ConfirmResize, OnFailure = FailureOutcome.Error },

        // os-migrateLive (policy project manager or admin, a host admin only): host; active, paused → migrating (MIGRATING) → same vm_state on another host.
        new() { Action = ServerActionKind.LiveMigrate, ConflictName = "os-migrateLive", Policy = ComputePolicies.LiveMigrate, Access = DefaultAccess.ProjectManager, Handler = new LiveMigrateAction(), InstanceAction = "live-migration", Event = "compute_live_migration",
            VmStates = States(Vm.Active, Vm.Paused), MustHaveHost = true,
            Phases = Phase(DriverOperation.LiveMigrate, Migrating) },

        // evacuate (admin; no lock check): active, stopped, error, idle, and the host's compute service down (400) →
        // rebuilding... (REBUILD) on another host → as rebuild (stopped from 2.95); the old host's claims go.
        new() { Action = ServerActionKind.Evacuate, ConflictName = "evacuate", Policy = ComputePolicies.Evacuate, Access = DefaultAccess.Admin, Handler = new EvacuateAction(), InstanceAction = "evacuate", Event = "compute_rebuild_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Error), ChecksLock = false,
            Phases = Phase(DriverOperation.Rebuild, Rebuilding, RebuildBlockDeviceMapping, RebuildSpawning),
            Hooks = [ServerHook.ReleaseHostResources], OnFailure = FailureOutcome.Error },

        // changePassword: active → updating_password (PASSWORD) → active.
        new() { Action = ServerActionKind.ChangePassword, ConflictName = "changePassword", Policy = ComputePolicies.ChangePassword, InstanceAction = "changePassword", Event = "compute_set_admin_password",
            VmStates = States(Vm.Active),
            Phases = Phase(DriverOperation.SetAdminPassword, UpdatingPassword) },

        // createImage: no lock check; active, stopped, paused, suspended → image_snapshot_pending... → idle; status unchanged.
        new() { Action = ServerActionKind.CreateImage, ConflictName = "createImage", Policy = ComputePolicies.ServersCreateImage, Handler = Snapshot, InstanceAction = "createImage", Event = "compute_snapshot_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended), ChecksLock = false,
            Phases = Phase(DriverOperation.Snapshot, ImageSnapshotPending, ImageSnapshot, ImagePendingUpload, ImageUploading) },

        // createBackup: as createImage, with image_backup.
        new() { Action = ServerActionKind.CreateBackup, ConflictName = "createBackup", Policy = ComputePolicies.CreateBackup, Handler = Snapshot, InstanceAction = "createBackup", Event = "compute_backup_instance",
            VmStates = States(Vm.Active, Vm.Stopped, Vm.Paused, Vm.Suspended), ChecksLock = false,
            Phases = Phase(DriverOperation.Backup, ImageBackup) },

        // trigger_crash_dump (2.17+): host; active, paused, rescued, resized, error; no state change.
        new() { Action = ServerActionKind.TriggerCrashDump, ConflictName = "trigger_crash_dump", Policy = ComputePolicies.ServersTriggerCrashDump, InstanceAction = "trigger_crash_dump", Event = "compute_trigger_crash_dump",
            VmStates = States(Vm.Active, Vm.Paused, Vm.Rescued, Vm.Resized, Vm.Error), MustHaveHost = true,
            Phases = Phase(DriverOperation.CrashDump) },

        // lock / unlock: no state check, synchronous.
        new() { Action = ServerActionKind.Lock, ConflictName = "lock", Policy = ComputePolicies.Lock, Handler = new LockAction(), InstanceAction = "lock",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },
        new() { Action = ServerActionKind.Unlock, ConflictName = "unlock", Policy = ComputePolicies.Unlock, Handler = new UnlockAction(), InstanceAction = "unlock",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // os-resetState (admin): any state, synchronous: vm_state as given, task_state null.
        new() { Action = ServerActionKind.ResetState, ConflictName = "os-resetState", Policy = ComputePolicies.ResetState, Access = DefaultAccess.Admin, Handler = new ResetStateAction(), InstanceAction = "resetState",
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // injectNetworkInfo (admin): any state; nothing visible changes.
        new() { Action = ServerActionKind.InjectNetworkInfo, ConflictName = "injectNetworkInfo", Policy = ComputePolicies.InjectNetworkInfo, Access = DefaultAccess.Admin, Handler = new InjectNetworkInfoAction(), InstanceAction = null,
            VmStates = null, TaskStates = null, MustHaveLaunched = false },

        // addSecurityGroup / removeSecurityGroup: no state or lock check, synchronous (Neutron's port update).
        new() { Action = ServerActionKind.AddSecurityGroup, ConflictName = "addSecurityGroup", Policy = ComputePolicies.AddSecurityGroup, Handler = new SecurityGroupAction(adding: true),
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },
        new() { Action = ServerActionKind.RemoveSecurityGroup, ConflictName = "removeSecurityGroup", Policy = ComputePolicies.RemoveSecurityGroup, Handler = new SecurityGroupAction(adding: false),
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // os-interface attach / detach (their own routes, not action bodies): check_instance_lock, the stable vm_states
        // Nova allows, idle; synchronous here (Neutron's port create or update), recorded as attach_interface / detach_interface.
        new() { Action = ServerActionKind.AttachInterface, ConflictName = "attach_interface", Policy = ComputePolicies.InterfacesCreate, IsApiAction = false, Handler = new InterfaceAction(attaching: true),
            InstanceAction = "attach_interface", Event = "compute_attach_interface",
            VmStates = States(Vm.Active, Vm.Paused, Vm.Stopped, Vm.Suspended, Vm.Shelved, Vm.ShelvedOffloaded) },
        new() { Action = ServerActionKind.DetachInterface, ConflictName = "detach_interface", Policy = ComputePolicies.InterfacesDelete, IsApiAction = false, Handler = new InterfaceAction(attaching: false),
            InstanceAction = "detach_interface", Event = "compute_detach_interface",
            VmStates = States(Vm.Active, Vm.Paused, Vm.Stopped, Vm.Suspended, Vm.Shelved, Vm.ShelvedOffloaded) },

        // addFixedIp / removeFixedIp (below 2.44, multinic): check_instance_lock only, no instance action; Nova casts them
        // to the compute service, so they are answered 202 whatever the port update does.
        new() { Action = ServerActionKind.AddFixedIp, ConflictName = "addFixedIp", Policy = ComputePolicies.MultinicAdd, Handler = new FixedIpAction(adding: true),
            VmStates = null, TaskStates = null, MustHaveLaunched = false },
        new() { Action = ServerActionKind.RemoveFixedIp, ConflictName = "removeFixedIp", Policy = ComputePolicies.MultinicRemove, Handler = new FixedIpAction(adding: false),
            VmStates = null, TaskStates = null, MustHaveLaunched = false },

        // addFloatingIp / removeFloatingIp (below 2.44): API-only Neutron calls, no lock or state check, no instance action.
        new() { Action = ServerActionKind.AddFloatingIp, ConflictName = "addFloatingIp", Policy = ComputePolicies.FloatingIpsAdd, Handler = new FloatingIpAction(adding: true),
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },
        new() { Action = ServerActionKind.RemoveFloatingIp, ConflictName = "removeFloatingIp", Policy = ComputePolicies.FloatingIpsRemove, Handler = new FloatingIpAction(adding: false),
            VmStates = null, TaskStates = null, MustHaveLaunched = false, ChecksLock = false },

        // restore: soft-delete → restoring → active, running (at once when the server has no host).
        new() { Action = ServerActionKind.Restore, ConflictName = "restore", Policy = ComputePolicies.Restore, Handler = new RestoreAction(), InstanceAction = "restore", Event = "compute_restore_instance",
            VmStates = States(Vm.SoftDeleted),
            Phases = Phase(DriverOperation.Restore, Restoring),
            EndVmState = Vm.Active, EndPowerState = PowerState.Running, ClearsDeadlines = [ServerDeadlines.Reclaim] },

        // forceDelete: any vm_state, idle (Nova's decorator default), never launched allowed → deleting → deleted.
        new() { Action = ServerActionKind.ForceDelete, ConflictName = "forceDelete", Policy = ComputePolicies.ForceDelete, Handler = new ForceDeleteAction(), InstanceAction = "delete", Event = "compute_terminate_instance",
            VmStates = null, MustHaveLaunched = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },

        // DELETE /servers/{id}: no state check at all → deleting → deleted (a repeated delete is a no-op).
        new() { Action = ServerActionKind.Delete, ConflictName = "delete", Policy = ComputePolicies.ServersDelete, IsApiAction = false, Handler = Delete, InstanceAction = "delete", Event = "compute_terminate_instance",
            VmStates = null, TaskStates = null, MustHaveLaunched = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },

        // soft delete (DELETE with reclaim_instance_interval > 0 on a launched server) → soft-deleting → soft-delete, shutdown.
        new() { Action = ServerActionKind.SoftDelete, ConflictName = "delete", Policy = ComputePolicies.ServersDelete, IsApiAction = false, Handler = Delete, InstanceAction = "delete", Event = "compute_soft_delete_instance",
            VmStates = null, TaskStates = null,
            Phases = Phase(DriverOperation.SoftDelete, SoftDeleting),
            EndVmState = Vm.SoftDeleted, EndPowerState = PowerState.Shutdown,
            SetsDeadline = ServerDeadlines.Reclaim, Hooks = [ServerHook.ReleaseServerQuota], OnFailure = FailureOutcome.Error },

        // reclaim (reminder, reclaim_instance_interval after the soft delete): soft-delete, idle → deleting → deleted.
        new() { Action = ServerActionKind.Reclaim, ConflictName = "delete", Policy = ComputePolicies.ServersDelete, IsApiAction = false, Handler = Delete, InstanceAction = null, Event = null,
            VmStates = States(Vm.SoftDeleted), MustHaveLaunched = false, ChecksLock = false,
            Phases = Phase(DriverOperation.Destroy, Deleting),
            EndVmState = Vm.Deleted, EndPowerState = PowerState.NoState, OnFailure = FailureOutcome.Error },
    ];

    /// <summary>Nova's <c>check_instance_state</c> of metadata writes: a stable vm_state, idle, launched once.</summary>
    private static readonly IReadOnlySet<string> MetadataWritable = States(Vm.Active, Vm.Paused, Vm.Suspended, Vm.Stopped);

    private static ServerWriteRule MetadataWrite(ServerWrite write, string name) => new()
    {
        Write = write, ConflictName = name, VmStates = MetadataWritable, TaskStates = Idle, MustHaveLaunched = true, ChecksLock = true,
    };

    // Tags (server_tags.py) check the vm_state only: no lock, task_state or launched_at.
    private static ServerWriteRule TagWrite(ServerWrite write, string name) => new() { Write = write, ConflictName = name, VmStates = MetadataWritable };

    /// <summary>The rows of the synchronous sub-resource writes, by write.</summary>
    public static IReadOnlyDictionary<ServerWrite, ServerWriteRule> Writes { get; } = new[]
    {
        MetadataWrite(ServerWrite.UpdateMetadata, "update_metadata"),
        MetadataWrite(ServerWrite.DeleteMetadata, "delete_metadata"),
        TagWrite(ServerWrite.ReplaceTags, "update tags"),
        TagWrite(ServerWrite.AddTag, "update tag"),
        TagWrite(ServerWrite.RemoveTag, "delete tag"),
        TagWrite(ServerWrite.RemoveTags, "delete tags"),
    }.ToFrozenDictionary(r => r.Write);

    /// <summary>The rows by action.</summary>
    public static IReadOnlyDictionary<ServerActionKind, ServerTransition> Table { get; } = Rows.ToFrozenDictionary(r => r.Action);

    /// <summary>The row of an action.</summary>
    public static ServerTransition For(ServerActionKind action) => Table[action];
}
