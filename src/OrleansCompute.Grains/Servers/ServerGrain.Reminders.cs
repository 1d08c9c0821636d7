using Microsoft.Extensions.Logging;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// Deadlines that must survive restarts, as real Orleans reminders: the reclaim of a soft-deleted server, the
/// offload of a shelved one and the automatic confirm of a resize. Each deadline is stored with the server; the
/// reminder is only the wake-up (due at the deadline, then every <c>MinimumReminderPeriod</c>), so a tick is
/// idempotent: it acts only when the server is still where the deadline applies and the deadline has passed on
/// the <see cref="ComputeClock"/>, and unregisters the reminder once there is nothing left to do.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>
    /// The deadline reminders this activation registered or found stored; a delete cancels only these. Made by the
    /// first deadline: most activations have none (see <c>ServerGrain.Residency</c>).
    /// </summary>
    private HashSet<string>? _remindersMayExist;

    private HashSet<string> RemindersMayExist => _remindersMayExist ??= new(StringComparer.Ordinal);

    private TimeSpan ReminderPeriod => reminderOptions.Value.MinimumReminderPeriod > TimeSpan.Zero ? reminderOptions.Value.MinimumReminderPeriod : TimeSpan.FromMinutes(1);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        OrleansCompute.Telemetry.ComputeInstruments.ReminderFired(reminderName);
        if (reminderName == OutboxReminder)
        {
            // Before the deleted check: a deleted server's outbox is exactly what this reminder is for.
            await OnOutboxReminderAsync();
            return;
        }

        var server = _live;
        if (server is null || server.Deleted)
        {
            await CancelReminderAsync(reminderName);
            return;
        }

        if (server.TaskState is not null || state.State.Pending is not null)
        {
            // An operation is in flight (a soft delete still ending, or one resumed after a crash): the next tick
            // looks again, so the deadline is never dropped while the server is busy.
            return;
        }

        var deadline = ServerDeadlines.ForReminder(reminderName);
        var due = deadline?.Pending(server, state.State);
        if (deadline is null || due is null)
        {
            await CancelReminderAsync(reminderName);
            return;
        }

        if (clock.UtcNow < due.Value)
        {
            // Early on the compute clock: the next tick looks again.
            return;
        }

        LogDeadline(logger, reminderName, Id);
        var row = ServerLifecycle.For(deadline.Action);
        await row.Handler.StartAsync(this, row, new ServerActionCommand { Caller = SystemCaller(), Action = deadline.Action });
        await CancelReminderAsync(reminderName);
    }

    /// <summary>Registers (or moves) a reminder due at the deadline.</summary>
    private async Task ScheduleAsync(string name, DateTimeOffset deadline)
    {
        var due = deadline - clock.UtcNow;
        RemindersMayExist.Add(name);
        await this.RegisterOrUpdateReminder(name, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderPeriod);
    }

    private async Task CancelReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// On activation: a deadline stored without its reminder (a crash between the state write and the reminder
    /// write) gets its reminder back.
    /// </summary>
    private async Task EnsureRemindersAsync()
    {
        var server = _live!;
        if (server.Deleted)
        {
            return;
        }

        try
        {
            foreach (var deadline in ServerDeadlines.All)
            {
                await EnsureAsync(deadline.Reminder, deadline.Pending(server, state.State));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReminderRepairFailed(logger, exception, Id);
            RetryIfTransient(exception);
        }
    }

    private async Task EnsureAsync(string name, DateTimeOffset? deadline)
    {
        if (deadline is { } at && await this.GetReminder(name) is null)
        {
            await ScheduleAsync(name, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline {Reminder} of server {ServerId} passed; acting")]
    private static partial void LogDeadline(ILogger logger, string reminder, Guid serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the reminders of server {ServerId}; the next activation tries again")]
    private static partial void LogReminderRepairFailed(ILogger logger, Exception exception, Guid serverId);
}
