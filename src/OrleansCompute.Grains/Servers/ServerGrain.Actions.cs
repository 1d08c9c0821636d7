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
    public async Task<ServerActionResult> ActAsync(ServerActionCommand command)
    {
        var caller = command.Caller;
        Visible(caller);
        var row = ServerLifecycle.For(command.Action);
        if (row.AdminPolicy is { } policy && !command.PolicyChecked && !caller.IsAdmin)
        {
            throw PolicyDenied(policy);
        }

        switch (command.Action)
        {
            case ServerActionKind.Lock:
                await LockAsync(row, command);
                break;
            case ServerActionKind.Unlock:
                await UnlockAsync(row, command);
                break;
            case ServerActionKind.ResetState:
                await ResetStateAsync(row, command);
                break;
            case ServerActionKind.InjectNetworkInfo:
                EnsureUnlocked(row, _live!, caller);
                break;
            case ServerActionKind.AddSecurityGroup:
            case ServerActionKind.RemoveSecurityGroup:
                await ChangeSecurityGroupsAsync(command);
                break;
            case ServerActionKind.ForceDelete:
                await ForceDeleteAsync(row, command);
                break;
            case ServerActionKind.Restore:
                await RestoreAsync(row, command);
                break;
            case ServerActionKind.Delete or ServerActionKind.SoftDelete or ServerActionKind.Reclaim:
                throw ComputeFaultException.BadRequest($"There is no such action: {command.Action}");
            case ServerActionKind.Resize:
                await BeginResizeAsync(row, command);
                break;
            case ServerActionKind.Unshelve:
                await BeginUnshelveAsync(row, command);
                break;
            default:
                await BeginTransitionAsync(row, command);
                break;
        }

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
    private async Task BeginTransitionAsync(ServerTransition row, ServerActionCommand command, Func<ServerSnapshot, ServerSnapshot>? atStart = null, Action<ServerState>? stateAtStart = null)
    {
        var caller = command.Caller;
        var now = clock.UtcNow;
        await CommitAsync(
            s =>
            {
                EnsureUnlocked(row, s, caller);
                row.EnsureAllowed(s);
                EnsureNotBusy(row, s);
                var started = CheckAndPrepare(row, command, s);
                started = atStart?.Invoke(started) ?? started;
                return started with { TaskState = row.FirstTaskState ?? started.TaskState, Progress = 0 };
            },
            Pending(row.Phases[0].Operation, caller.RequestId, row.Action, command),
            s =>
            {
                StartAction(s, row.InstanceAction, row.Event, caller, now);
                stateAtStart?.Invoke(s);
            });
        StartOperation(token => RunTransitionAsync(row, command, token));
    }

    /// <summary>
    /// An action with no task_state of its own (confirmResize, trigger_crash_dump) while an operation runs: Nova
    /// refuses the conflicting ones; here every action but the superseding ones (delete, hard reboot, reset) waits.
    /// </summary>
    private void EnsureNotBusy(ServerTransition row, ServerSnapshot server)
    {
        if (state.State.Pending is not { } pending || row.Action is ServerActionKind.RebootHard)
        {
            return;
        }

        if (row.Action is ServerActionKind.ConfirmResize or ServerActionKind.RevertResize && pending.Action == ServerActionKind.ConfirmResize)
        {
            throw ComputeFaultException.BadRequest("Instance has not been resized.");
        }

        throw ComputeFaultException.Conflict($"Cannot '{row.ConflictName}' instance {Id} while it is in task_state {server.TaskState ?? "None"}");
    }

    private void EnsureUnlocked(ServerTransition row, ServerSnapshot server, CallerContext caller)
    {
        if (row.ChecksLock && server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }
    }

    private static ComputeFaultException PolicyDenied(string policy) => ComputeFaultException.Forbidden($"Policy doesn't allow {policy} to be performed.");

    /// <summary>The action's own rules (after the table's checks, as in Nova) and what it changes at once.</summary>
    private ServerSnapshot CheckAndPrepare(ServerTransition row, ServerActionCommand command, ServerSnapshot server)
    {
        switch (command.Action)
        {
            case ServerActionKind.Resize:
            case ServerActionKind.Migrate:
                PrepareResize(command, server);
                return server;
            case ServerActionKind.LiveMigrate:
                state.State.Resize = null;
                ChooseDestination(server, command.Host);
                return server;
            case ServerActionKind.Rebuild:
                return PrepareRebuild(command, server);
            case ServerActionKind.Unshelve:
                return PrepareUnshelve(command, server);
            case ServerActionKind.Rescue:
                if (command.RescueImageRef is { } rescueImage && catalog.FindImage(rescueImage) is null)
                {
                    throw ComputeFaultException.BadRequest($"Image {rescueImage} could not be found.");
                }

                return server;
            case ServerActionKind.CreateImage:
            case ServerActionKind.CreateBackup:
                AddSnapshotImage(command, server);
                return server;
            case ServerActionKind.Shelve:
                return server;
            default:
                _ = row;
                return server;
        }
    }

    /// <summary>Runs a transition's driver phases, then ends it where the table says; a driver failure ends it where Nova would.</summary>
    private async Task RunTransitionAsync(ServerTransition row, ServerActionCommand command, CancellationToken cancellationToken)
    {
        var requestId = state.State.Pending?.RequestId ?? command.Caller.RequestId;
        try
        {
            await RunPhasesAsync(row.Phases, cancellationToken);
            if (row.Action == ServerActionKind.Shelve && lifecycle.CurrentValue.ShelvedOffloadTime == 0)
            {
                // shelved_offload_time 0: Nova offloads straight after the shelve, in the same operation.
                _live = _live! with { VmState = VmState.Shelved, PowerState = PowerState.Shutdown };
                await RunPhasesAsync(ServerLifecycle.For(ServerActionKind.ShelveOffload).Phases, cancellationToken);
            }
        }
        catch (ComputeDriverException failure)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await FailTransitionAsync(row, command, requestId, failure, cancellationToken);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (row.EndVmState == VmState.Deleted)
        {
            await FinishDeleteAsync(requestId, cancellationToken);
            return;
        }

        await CommitAsync(s => End(row, command, s), pending: null, s => EndState(row, command, s, requestId), cancellationToken);
        await AfterEndAsync(row);
    }

    private async Task RunPhasesAsync(IReadOnlyList<TransitionPhase> phases, CancellationToken cancellationToken)
    {
        foreach (var phase in phases)
        {
            var steps = phase.TaskStates;
            if (steps.Count > 0)
            {
                _live = _live! with { TaskState = steps[0] };
            }

            _progress = 0;
            await driver.ExecuteAsync(phase.Operation, _live!, progress => Advance(steps, progress), cancellationToken);
        }
    }

    /// <summary>Progress moves the server through a phase's task_states (e.g. resize_prep → resize_migrating → resize_migrated).</summary>
    private void Advance(IReadOnlyList<string> steps, int progress)
    {
        _progress = progress;
        if (steps.Count < 2)
        {
            return;
        }

        var step = steps[Math.Min(steps.Count - 1, progress * steps.Count / 100)];
        if (_live!.TaskState != step)
        {
            _live = _live with { TaskState = step };
        }
    }

    /// <summary>Where a transition ends: the table's end state, or what the action decides (see each row's comment).</summary>
    private ServerSnapshot End(ServerTransition row, ServerActionCommand command, ServerSnapshot s)
    {
        var ended = s with
        {
            VmState = row.EndVmState ?? s.VmState,
            PowerState = row.EndPowerState ?? s.PowerState,
            TaskState = null,
            Progress = 0,
        };
        var resize = state.State.Resize;
        switch (row.Action)
        {
            case ServerActionKind.Rebuild:
                return s.VmState == VmState.Stopped
                    ? ended with { VmState = VmState.Stopped, PowerState = PowerState.Shutdown }
                    : ended with { VmState = VmState.Active, PowerState = PowerState.Running };
            case ServerActionKind.Resize or ServerActionKind.Migrate when resize is not null:
                return ended with { Flavor = resize.NewFlavor, Host = resize.DestinationHost, Node = resize.DestinationHost };
            case ServerActionKind.ConfirmResize:
                return ended with { VmState = s.PowerState == PowerState.Shutdown ? VmState.Stopped : VmState.Active };
            case ServerActionKind.RevertResize when resize is not null:
                return ended with
                {
                    VmState = resize.PreviousVmState,
                    PowerState = resize.PreviousPowerState,
                    Flavor = resize.OldFlavor,
                    Host = resize.SourceHost,
                    Node = resize.SourceHost,
                };
            case ServerActionKind.LiveMigrate when _liveMigrationTarget is { } target:
                return ended with { Host = target, Node = target };
            case ServerActionKind.Shelve when lifecycle.CurrentValue.ShelvedOffloadTime == 0:
            case ServerActionKind.ShelveOffload:
                return ended with { VmState = VmState.ShelvedOffloaded, PowerState = PowerState.Shutdown, Host = null, Node = null };
            case ServerActionKind.Restore:
                return ended with { DeletedAt = null };
            default:
                return ended;
        }
    }

    /// <summary>What the end of a transition changes besides the server: the action log, resize and deadlines.</summary>
    private void EndState(ServerTransition row, ServerActionCommand command, ServerState target, string requestId)
    {
        FinishAction(target, requestId, error: null);
        var options = lifecycle.CurrentValue;
        var now = clock.UtcNow;
        switch (row.Action)
        {
            case ServerActionKind.Resize or ServerActionKind.Migrate:
                target.ConfirmResizeAt = options.ResizeConfirmWindow > 0 ? now.AddSeconds(options.ResizeConfirmWindow) : null;
                break;
            case ServerActionKind.ConfirmResize or ServerActionKind.RevertResize:
                target.Resize = null;
                target.ConfirmResizeAt = null;
                break;
            case ServerActionKind.Shelve:
                target.OffloadAt = options.ShelvedOffloadTime > 0 ? now.AddSeconds(options.ShelvedOffloadTime) : null;
                break;
            case ServerActionKind.ShelveOffload or ServerActionKind.Unshelve:
                target.OffloadAt = null;
                break;
            case ServerActionKind.SoftDelete:
                target.ReclaimAt = (_live!.DeletedAt ?? now).AddSeconds(options.ReclaimInstanceInterval);
                break;
            case ServerActionKind.Restore:
                target.ReclaimAt = null;
                break;
            case ServerActionKind.CreateImage or ServerActionKind.CreateBackup:
                if (command.ImageId is { } imageId)
                {
                    catalog.MarkImageActive(imageId);
                }

                break;
        }
    }

    /// <summary>After the end is persisted: reminders for the deadlines it set, and the resource hooks.</summary>
    private async Task AfterEndAsync(ServerTransition row)
    {
        _liveMigrationTarget = null;
        switch (row.Action)
        {
            case ServerActionKind.Resize or ServerActionKind.Migrate when state.State.ConfirmResizeAt is { } confirmAt:
                await ScheduleAsync(ResizeConfirmReminder, confirmAt);
                break;
            case ServerActionKind.ConfirmResize or ServerActionKind.RevertResize:
                await CancelReminderAsync(ResizeConfirmReminder);
                await OnResizeSettledAsync(row.Action == ServerActionKind.ConfirmResize);
                break;
            case ServerActionKind.Shelve when state.State.OffloadAt is { } offloadAt:
                await ScheduleAsync(ShelveOffloadReminder, offloadAt);
                break;
            case ServerActionKind.Shelve when lifecycle.CurrentValue.ShelvedOffloadTime == 0:
            case ServerActionKind.ShelveOffload:
                await CancelReminderAsync(ShelveOffloadReminder);
                await OnHostResourcesReleasedAsync();
                break;
            case ServerActionKind.SoftDelete when state.State.ReclaimAt is { } reclaimAt:
                await ScheduleAsync(ReclaimReminder, reclaimAt);
                await OnSoftDeletedAsync();
                break;
            case ServerActionKind.Restore:
                await CancelReminderAsync(ReclaimReminder);
                break;
        }
    }

    /// <summary>A driver failure: ERROR with the fault, or back to idle with the fault recorded, as the row says.</summary>
    private async Task FailTransitionAsync(ServerTransition row, ServerActionCommand command, string requestId, ComputeDriverException failure, CancellationToken cancellationToken)
    {
        var fault = new ServerFault { Code = 500, Message = failure.Message, Created = clock.UtcNow, Details = nameof(ComputeDriverException) + ": " + failure.Message };
        await CommitAsync(
            s => row.OnFailure == FailureOutcome.Error
                ? s with { VmState = VmState.Error, TaskState = null, Progress = 0, Fault = fault }
                : s with { TaskState = null, Progress = 0, Fault = fault },
            pending: null,
            s =>
            {
                FinishAction(s, requestId, fault.Details);
                if (row.Action is ServerActionKind.Resize or ServerActionKind.Migrate)
                {
                    s.Resize = null;
                }
            },
            cancellationToken);
        _liveMigrationTarget = null;
        if (command.ImageId is { } imageId && row.Action is ServerActionKind.CreateImage or ServerActionKind.CreateBackup)
        {
            // Nova deletes the image of a failed snapshot.
            catalog.RemoveImage(imageId);
        }
    }

    /// <summary>The caller of work the service does on its own (reminders, resumed operations).</summary>
    private CallerContext SystemCaller(string? requestId = null) => new()
    {
        UserId = _live?.UserId ?? "",
        ProjectId = _live?.ProjectId ?? "",
        Roles = ["admin"],
        RequestId = requestId ?? "req-" + Guid.NewGuid(),
    };
}
