using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Server actions: the synchronous checks (policy, lock, the lifecycle table's state checks, the action's own
/// rules) run inside the commit gate against the latest state and persist the transitional task_state before
/// the caller is answered; the driver work then runs in the background and ends in a second write.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The driver phase running now; progress reports of any other are stale.</summary>
    private object? _phaseRun;

    public async Task<ServerActionResult> ActAsync(ServerActionCommand command)
    {
        var caller = command.Caller;
        var server = Visible(caller);
        var row = ServerLifecycle.For(command.Action);
        if (!row.IsApiAction)
        {
            throw ComputeFaultException.BadRequest($"There is no such action: {command.Action}");
        }

        // The API decided with the configured policy; a caller that reached the grain otherwise gets Nova's default.
        if (!command.PolicyChecked && !row.Access.Grants(caller, server.ProjectId))
        {
            throw PolicyDenied(row.Policy);
        }

        await row.Handler.StartAsync(this, row, command);
        return new ServerActionResult { Server = Current() };
    }

    public async Task<string> GetConsoleOutputAsync(CallerContext caller, int? length)
    {
        var server = Visible(caller);
        if (string.IsNullOrEmpty(server.Host))
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is not ready");
        }

        var output = await driver.GetConsoleOutputAsync(server, CancellationToken.None);
        return length is { } lines ? ConsoleTail.Last(output, lines) : output;
    }

    /// <summary>
    /// Checks and starts a driver-backed transition: one write with the first task_state, the pending operation
    /// and the action record; then the operation runs in the background.
    /// </summary>
    public async Task BeginTransitionAsync(ServerTransition row, ServerActionCommand command, ImageDefinition? actionImage = null)
    {
        var caller = command.Caller;
        var now = clock.UtcNow;
        await CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, caller);
                row.EnsureAllowed(s);
                EnsureNotBusy(row, s);
                var started = row.Handler.Prepare(this, command, s, actionImage);
                return started with { TaskState = row.FirstTaskState ?? started.TaskState, Progress = 0 };
            },
            Pending(row.Phases[0].Operation, caller.RequestId, row.Action, command),
            s => StartAction(s, row.InstanceAction, row.Event, caller, now));
        StartOperation(token => RunTransitionAsync(row, command, token));
    }

    /// <summary>
    /// An action with no task_state of its own (confirmResize, trigger_crash_dump) while an operation runs: Nova
    /// refuses the conflicting ones; here every action but the superseding ones (delete, hard reboot, reset) waits.
    /// </summary>
    private void EnsureNotBusy(ServerTransition row, ServerSnapshot server)
    {
        if (state.State.Pending is not { } pending || row.SupersedesOperation)
        {
            return;
        }

        throw row.Handler.Busy(pending)
            ?? ComputeFaultException.Conflict($"Cannot '{row.ConflictName}' instance {Id} while it is in task_state {server.TaskState ?? "None"}");
    }

    public void EnsureUnlocked(ServerTransition row, ServerSnapshot server, CallerContext caller)
    {
        if (row.ChecksLock && server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }
    }

    private static ComputeFaultException PolicyDenied(string policy) => ComputeFaultException.Forbidden($"Policy doesn't allow {policy} to be performed.");

    /// <summary>
    /// Runs a transition's driver phases (and those of the row it continues with, if its handler names one), then
    /// ends it where the table says; a driver failure ends it where Nova would.
    /// </summary>
    private async Task RunTransitionAsync(ServerTransition row, ServerActionCommand command, CancellationToken cancellationToken)
    {
        var requestId = state.State.Pending?.RequestId ?? command.Caller.RequestId;
        var ending = row;
        try
        {
            await RunPhasesAsync(row.Phases, cancellationToken);
            if (row.Handler.ContinueWith(lifecycle.CurrentValue) is { } next)
            {
                // The first row's end shows (and is notified) before the next row's phases, as in Nova.
                Show(_live! with { VmState = row.EndVmState ?? _live.VmState, PowerState = row.EndPowerState ?? _live.PowerState });
                await RunPhasesAsync(next.Phases, cancellationToken);
                ending = next;
            }

            cancellationToken.ThrowIfCancellationRequested();
            // Inside the try: what the handler does after the driver (a root volume reimage) may fail as the driver does.
            await row.Handler.FinishedAsync(this, command);
        }
        catch (ComputeDriverException failure)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await FailTransitionAsync(row, command, requestId, failure, cancellationToken);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ending.EndVmState == VmState.Deleted)
        {
            await FinishDeleteAsync(requestId, cancellationToken);
            return;
        }

        if (ending.Hooks.Count > 0)
        {
            await ArmOutboxAsync();
        }

        // The row's hooks become outbox entries in the same write as the end (computed before the end's own state changes).
        await CommitAsync(
            s => End(ending, s),
            pending: null,
            s =>
            {
                var due = DueAfter(ending.Hooks, _live!, s);
                EndState(ending, s, requestId);
                s.Outbox.AddRange(due);
            },
            cancellationToken);
        await AfterEndAsync(ending);
    }

    private async Task RunPhasesAsync(IReadOnlyList<TransitionPhase> phases, CancellationToken cancellationToken)
    {
        foreach (var phase in phases)
        {
            var steps = phase.TaskStates;
            if (steps.Count > 0)
            {
                Show(_live! with { TaskState = steps[0] });
            }

            _progress = 0;
            // A report queued from another thread that arrives after its phase ended is stale: it is dropped.
            var run = new object();
            _phaseRun = run;
            try
            {
                await driver.ExecuteAsync(phase.Operation, _live!, OnGrain<int>(progress => Advance(run, steps, progress), cancellationToken), cancellationToken);
            }
            finally
            {
                _phaseRun = null;
            }
        }
    }

    /// <summary>Progress moves the server through a phase's task_states (e.g. resize_prep → resize_migrating → resize_migrated).</summary>
    private void Advance(object run, IReadOnlyList<string> steps, int progress)
    {
        if (!ReferenceEquals(run, _phaseRun))
        {
            return;
        }

        _progress = progress;
        if (steps.Count < 2)
        {
            return;
        }

        var step = steps[Math.Min(steps.Count - 1, progress * steps.Count / 100)];
        if (_live!.TaskState != step)
        {
            Show(_live with { TaskState = step });
        }
    }

    /// <summary>Where a transition ends: the row's end state, then what the row's handler decides.</summary>
    private ServerSnapshot End(ServerTransition row, ServerSnapshot s)
    {
        var ended = s with
        {
            VmState = row.EndVmState ?? s.VmState,
            PowerState = row.EndPowerState ?? s.PowerState,
            TaskState = null,
            Progress = 0,
        };
        return row.Handler.End(this, s, ended);
    }

    /// <summary>What the end of a transition changes besides the server: the action log, the row's deadlines, the handler's state.</summary>
    private void EndState(ServerTransition row, ServerState target, string requestId)
    {
        FinishAction(target, requestId, error: null);
        foreach (var deadline in row.ClearsDeadlines)
        {
            deadline.Set(target, null);
        }

        row.SetsDeadline?.Set(target, row.SetsDeadline.DueAt(_live!, clock.UtcNow, lifecycle.CurrentValue));
        row.Handler.Ended(target);
    }

    /// <summary>After the end is persisted: the reminders of the deadlines it set or cleared, then the outbox the row's hooks filled.</summary>
    private async Task AfterEndAsync(ServerTransition row)
    {
        _liveMigrationTarget = null;
        if (row.SetsDeadline is { } deadline && deadline.Get(state.State) is { } due)
        {
            await ScheduleAsync(deadline.Reminder, due);
        }

        foreach (var cleared in row.ClearsDeadlines)
        {
            await CancelReminderAsync(cleared.Reminder);
        }

        if (row.Hooks.Count > 0)
        {
            await DrainOutboxAsync();
        }
    }

    /// <summary>A driver failure: ERROR with the fault, or back to idle with the fault recorded, as the row says.</summary>
    private async Task FailTransitionAsync(ServerTransition row, ServerActionCommand command, string requestId, ComputeDriverException failure, CancellationToken cancellationToken)
    {
        var fault = DriverFault(failure);
        await row.Handler.DiscardAsync(this, command);
        await CommitAsync(
            s => row.OnFailure == FailureOutcome.Error
                ? s with { VmState = VmState.Error, TaskState = null, Progress = 0, Fault = fault }
                : s with { TaskState = null, Progress = 0, Fault = fault },
            pending: null,
            s =>
            {
                FinishAction(s, requestId, fault.Details);
                row.Handler.Failed(s);
            },
            cancellationToken);
        _liveMigrationTarget = null;
    }

    private ServerFault DriverFault(ComputeDriverException failure) =>
        new() { Code = 500, Message = failure.Message, Created = clock.UtcNow, Details = nameof(ComputeDriverException) + ": " + failure.Message };

    /// <summary>The caller of work the service does on its own (reminders, resumed operations).</summary>
    private CallerContext SystemCaller(string? requestId = null) => new()
    {
        UserId = _live?.UserId ?? "",
        ProjectId = _live?.ProjectId ?? "",
        Roles = ["admin"],
        RequestId = requestId ?? "req-" + Guid.NewGuid(),
    };
}
