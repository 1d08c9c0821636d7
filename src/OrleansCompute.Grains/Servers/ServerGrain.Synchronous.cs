using OrleansCompute.Faults;
using OrleansCompute.Policy;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>The actions Nova carries out in the API at once: lock, unlock, os-resetState (the network ones are in ServerGrain.NetworkActions).</summary>
internal sealed partial class ServerGrain
{
    /// <summary>Nova's lock: the owner locking a locked server changes nothing; otherwise locked_by is owner or admin.</summary>
    public async Task LockAsync(ServerTransition row, ServerActionCommand command)
    {
        var caller = command.Caller;
        var isOwner = string.Equals(caller.ProjectId, _live!.ProjectId, StringComparison.Ordinal);
        if (_live.Locked && isOwner)
        {
            return;
        }

        var now = clock.UtcNow;
        await CommitAsync(
            s => s with { Locked = true, LockedBy = isOwner ? "owner" : "admin", LockedReason = command.LockedReason },
            state.State.Pending,
            s => StartAction(s, row.InstanceAction, null, caller, now));
    }

    /// <summary>Nova's unlock: a lock set by the other party (an admin's, for the owner) needs unlock_override (admin).</summary>
    public async Task UnlockAsync(ServerTransition row, ServerActionCommand command)
    {
        var caller = command.Caller;
        var server = _live!;
        var expected = string.Equals(caller.ProjectId, server.ProjectId, StringComparison.Ordinal) ? "owner" : "admin";
        var mayOverride = command.PolicyChecked ? command.MayOverrideLock : caller.IsAdmin;
        if (server.LockedBy is { } lockedBy && lockedBy != expected && !mayOverride)
        {
            throw PolicyDenied(ComputePolicies.UnlockOverride);
        }

        var now = clock.UtcNow;
        await CommitAsync(
            s => s with { Locked = false, LockedBy = null, LockedReason = null },
            state.State.Pending,
            s => StartAction(s, row.InstanceAction, null, caller, now));
    }

    /// <summary>os-resetState: vm_state as given, task_state null; whatever was in flight is abandoned, as in Nova.</summary>
    public async Task ResetStateAsync(ServerTransition row, ServerActionCommand command)
    {
        var target = command.State is VmState.Active or VmState.Error
            ? command.State
            : throw ComputeFaultException.BadRequest("Invalid input for field/attribute state.");
        var now = clock.UtcNow;
        var abandoned = state.State.Pending;
        CancelOperation();
        await CommitAsync(
            s => s with { VmState = target, TaskState = null, Progress = 0 },
            pending: null,
            s => StartAction(s, row.InstanceAction, null, command.Caller, now));
        await DiscardAbandonedSnapshotAsync(abandoned);
    }
}
