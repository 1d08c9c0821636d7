namespace OrleansCompute.Volumes;

/// <summary>
/// A grain's background work (backend calls that end in a commit), shared by the volume and its snapshots: the
/// committed status is the durable intent, so after each commit (and on activation, and on the reminder's tick) the
/// grain asks for the work that status calls for, and one piece runs at a time. A reminder is registered while it
/// runs, so that a crash or a failed backend call is tried again later from the committed status.
/// </summary>
/// <param name="grain">The grain the reminder belongs to; every call here runs on its scheduler.</param>
/// <param name="reminderName">The grain's resume reminder.</param>
/// <param name="next">The work the committed state calls for now, or null.</param>
/// <param name="stillInFlight">After a piece of work ended: whether the reminder must stay (other work remains).</param>
/// <param name="failed">Logs a piece of work that threw (the reminder stays, and runs it again).</param>
internal sealed class ResumableWork(
    IGrainBase grain, string reminderName, Func<Func<Task>?> next, Func<bool> stillInFlight, Action<Exception> failed)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private bool _working;

    /// <summary>Starts the work the committed status calls for, unless a piece is running already.</summary>
    public void Resume()
    {
        if (_working || next() is not { } work)
        {
            return;
        }

        _working = true;
        _ = RunAsync(work);
    }

    /// <summary>Registers the reminder (again) for work that started outside <see cref="Resume"/>.</summary>
    public Task KeepReminderAsync() => grain.RegisterOrUpdateReminder(reminderName, Period, Period);

    public async Task ClearReminderAsync()
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    private async Task RunAsync(Func<Task> work)
    {
        var finished = false;
        try
        {
            await KeepReminderAsync();
            await work();
            finished = true;
            if (!stillInFlight())
            {
                await ClearReminderAsync();
            }
        }
        catch (Exception exception)
        {
            // The reminder stays: the next tick (or activation) tries again from the committed status.
            failed(exception);
        }
        finally
        {
            _working = false;
        }

        // A change committed while this work ran (a delete right after the create or extend ended) found the
        // work flag set and started nothing: start what the committed status calls for now.
        if (finished)
        {
            Resume();
        }
    }
}
