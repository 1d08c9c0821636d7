using OrleansCompute.Driver;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Deletes as Nova does them: no state check; a locked server is 409 unless admin; a repeated delete is a no-op;
/// a server without a host goes at once (local delete); with <c>reclaim_instance_interval</c> above zero a
/// launched server is soft-deleted and reclaimed by a reminder; <c>forceDelete</c> and <c>restore</c>.
/// </summary>
internal sealed partial class ServerGrain
{
    public async Task DeleteAsync(CallerContext caller)
    {
        var server = Visible(caller);
        var row = ServerLifecycle.For(ServerActionKind.Delete);
        EnsureUnlocked(row, server, caller);
        if (server.TaskState is TaskState.Deleting or TaskState.SoftDeleting)
        {
            return;
        }

        var command = new ServerActionCommand { Caller = caller, Action = ServerActionKind.Delete };
        if (string.IsNullOrEmpty(server.Host))
        {
            await LocalDeleteAsync(row, command);
            return;
        }

        var soft = lifecycle.CurrentValue.ReclaimInstanceInterval > 0 && server.LaunchedAt is not null && server.VmState != VmState.SoftDeleted;
        await BeginDeleteAsync(soft ? ServerLifecycle.For(ServerActionKind.SoftDelete) : row, command);
    }

    public async Task ForceDeleteAsync(ServerTransition row, ServerActionCommand command)
    {
        if (string.IsNullOrEmpty(_live!.Host))
        {
            EnsureUnlocked(row, _live, command.Caller);
            row.EnsureAllowed(_live);
            await LocalDeleteAsync(row, command);
            return;
        }

        await BeginDeleteAsync(row, command);
    }

    /// <summary>A delete wins over whatever was in flight, a build included: it is cancelled first.</summary>
    public async Task BeginDeleteAsync(ServerTransition row, ServerActionCommand command)
    {
        if (EndsAtOnce(row))
        {
            await DeleteAtOnceAsync(row, command);
            return;
        }

        var caller = command.Caller;
        var now = clock.UtcNow;
        PendingOperation? superseded = null;
        await CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, caller);
                row.EnsureAllowed(s);
                superseded = state.State.Pending;
                CancelOperation();
                var deleting = s with { TaskState = row.FirstTaskState, Progress = 0 };
                return row.SetsDeadline == ServerDeadlines.Reclaim ? deleting with { DeletedAt = now } : deleting;
            },
            Pending(row.Phases[0].Operation, caller.RequestId, row.Action, command),
            s => StartAction(s, row.InstanceAction, row.Event, caller, now));
        await DiscardAbandonedSnapshotAsync(superseded);
        if (row.SetsDeadline == ServerDeadlines.Reclaim)
        {
            // The reclaim reminder exists from the start: a silo that dies before the soft delete ends must not
            // leave a soft-deleted server that nothing ever reclaims (the end registers it again, harmlessly).
            await ScheduleAsync(ServerDeadlines.Reclaim.Reminder, now.AddSeconds(lifecycle.CurrentValue.ReclaimInstanceInterval));
        }

        StartOperation(token => RunTransitionAsync(row, command, token));
    }

    /// <summary>
    /// A hard delete (DELETE, forceDelete, reclaim) whose destroy the driver finishes at once: storing "deleting"
    /// first would only be overwritten by the next write, so the destroy runs inside the request and the server is
    /// stored DELETED (or ERROR, when the destroy failed) in one write, the action started and finished in it.
    /// </summary>
    private bool EndsAtOnce(ServerTransition row) =>
        row.EndVmState == VmState.Deleted
        && row.Phases.Count == 1
        && row.Handler.ContinueWith(lifecycle.CurrentValue) is null
        && driver.CompletesAtOnce(row.Phases[0].Operation, _live!);

    /// <summary>
    /// Crash safety as the two-write delete: nothing is released before the DELETED write (its outbox reminder is
    /// armed first), and a crash before that write leaves the server as it was, the delete unanswered. The releases
    /// then run in the background, as after a driver's destroy, so the 204 does not wait for them.
    /// </summary>
    private async Task DeleteAtOnceAsync(ServerTransition row, ServerActionCommand command)
    {
        var caller = command.Caller;
        var now = clock.UtcNow;
        EnsureUnlocked(row, _live!, caller);
        row.EnsureAllowed(_live!);
        var superseded = state.State.Pending;
        CancelOperation();
        try
        {
            await driver.ExecuteAsync(row.Phases[0].Operation, _live!, _ => { }, CancellationToken.None);
            await row.Handler.FinishedAsync(this, command);
        }
        catch (ComputeDriverException failure)
        {
            await FailDeleteAtOnceAsync(row, command, failure, now);
            await DiscardAbandonedSnapshotAsync(superseded);
            return;
        }

        await ArmOutboxAsync();
        await CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, caller);
                row.EnsureAllowed(s);
                return Deleted(s, now);
            },
            pending: null,
            s =>
            {
                var due = DueAfterDelete(_live!, s);
                StartAction(s, row.InstanceAction, row.Event, caller, now);
                FinishAction(s, caller.RequestId, error: null);
                ClearDeadlines(s);
                s.Outbox.AddRange(due);
            });
        await DiscardAbandonedSnapshotAsync(superseded);
        StartOperation(_ => AfterDeletedAsync());
    }

    /// <summary>A destroy that failed at once ends where the row says (ERROR with the fault), in one write with its action.</summary>
    private async Task FailDeleteAtOnceAsync(ServerTransition row, ServerActionCommand command, ComputeDriverException failure, DateTimeOffset now)
    {
        var fault = DriverFault(failure);
        await row.Handler.DiscardAsync(this, command);
        await CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, command.Caller);
                row.EnsureAllowed(s);
                return row.OnFailure == FailureOutcome.Error
                    ? s with { VmState = VmState.Error, TaskState = null, Progress = 0, Fault = fault }
                    : s with { TaskState = null, Progress = 0, Fault = fault };
            },
            pending: null,
            s =>
            {
                StartAction(s, row.InstanceAction, row.Event, command.Caller, now);
                FinishAction(s, command.Caller.RequestId, fault.Details);
                row.Handler.Failed(s);
            });
    }

    /// <summary>Nova's local delete: no host to call, so the record is deleted at once and the next GET is 404.</summary>
    private async Task LocalDeleteAsync(ServerTransition row, ServerActionCommand command)
    {
        CancelOperation();
        var now = clock.UtcNow;
        await ArmOutboxAsync();
        await CommitAsync(
            s => Deleted(s, now),
            pending: null,
            s =>
            {
                var due = DueAfterDelete(_live!, s);
                StartAction(s, row.InstanceAction, null, command.Caller, now);
                ClearDeadlines(s);
                s.Outbox.AddRange(due);
            });
        await AfterDeletedAsync();
    }

    /// <summary>The end of a hard delete, forceDelete or reclaim once the driver destroyed the machine.</summary>
    private async Task FinishDeleteAsync(string requestId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await ArmOutboxAsync();
        await CommitAsync(
            s => Deleted(s, now),
            pending: null,
            s =>
            {
                var due = DueAfterDelete(_live!, s);
                FinishAction(s, requestId, error: null);
                ClearDeadlines(s);
                s.Outbox.AddRange(due);
            },
            cancellationToken);
        await AfterDeletedAsync();
    }

    private static ServerSnapshot Deleted(ServerSnapshot s, DateTimeOffset now) => s with
    {
        VmState = VmState.Deleted,
        TaskState = null,
        PowerState = PowerState.NoState,
        Progress = 0,
        Deleted = true,
        DeletedAt = now,
        TerminatedAt = now,
        // Every volume becomes a durable detach intent, finished (and delete_on_termination applied) after the commit.
        Volumes = [.. s.Volumes.Select(v => v with { State = OrleansCompute.Volumes.ServerVolume.Detaching })],
    };

    /// <summary>Clears the deadlines, remembering which were stored: only their reminders (and this activation's) can exist.</summary>
    private void ClearDeadlines(ServerState target)
    {
        target.RequestedNetworks = [];
        target.Resize = null;
        foreach (var deadline in ServerDeadlines.All)
        {
            if (deadline.Get(target) is not null)
            {
                RemindersMayExist.Add(deadline.Reminder);
            }

            deadline.Set(target, null);
        }
    }

    /// <summary>
    /// After the delete is persisted with what the server gives back in its outbox: the deadlines' reminders go,
    /// the outbox runs, and the grain goes idle once the outbox is empty (else its retries keep it, or bring it back).
    /// </summary>
    private async Task AfterDeletedAsync()
    {
        await ResumeVolumesAsync();
        await DrainOutboxAsync();
        // Nova deletes a shelved server's snapshot image with the server.
        await RemoveShelvedImageAsync();
        // A deadline's reminder exists only if the deadline was stored or this activation registered it: looking up
        // the others would be one reminder-table read each per delete. One left by a crash ticks once, finds the
        // server deleted and goes (ReceiveReminder).
        foreach (var reminder in _remindersMayExist?.ToList() ?? [])
        {
            await CancelReminderAsync(reminder);
            _remindersMayExist!.Remove(reminder);
        }

        if (state.State.Outbox.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>restore: back from SOFT_DELETED within the interval; at once when the server has no host.</summary>
    public async Task RestoreAsync(ServerTransition row, ServerActionCommand command)
    {
        var server = _live!;
        EnsureUnlocked(row, server, command.Caller);
        row.EnsureAllowed(server);
        await EnsureRestorableAsync();
        if (!string.IsNullOrEmpty(server.Host))
        {
            await BeginTransitionAsync(row, command);
            return;
        }

        var now = clock.UtcNow;
        await CommitAsync(
            s =>
            {
                row.EnsureAllowed(s);
                return s with { VmState = VmState.Active, TaskState = null, DeletedAt = null };
            },
            pending: null,
            s =>
            {
                StartAction(s, row.InstanceAction, null, command.Caller, now);
                ServerDeadlines.Reclaim.Set(s, null);
            });
        await CancelReminderAsync(ServerDeadlines.Reclaim.Reminder);
    }
}
