using Orleans.Storage;

namespace OrleansCompute.Servers;

internal sealed partial class ServerGrain
{
    // Background operations still running on this activation; a superseded one (a build a delete cancelled)
    // counts until it has unwound, which is why this is a count and not a flag.
    private int _runningOperations;

    private static readonly TimeSpan TransientRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wakes the grain (activation resumes a persisted operation), and also restarts a persisted operation that
    /// is not running here any more: in a cluster an operation can fail half-way because a silo it called (the
    /// network grain's, say) stopped or died; the sweep that follows every silo death calls this, and the operation
    /// runs again from its persisted start, as after a crash.
    /// </summary>
    public Task ResumeAsync()
    {
        if (state.State.Pending is not null && _runningOperations == 0)
        {
            ResumePendingOperation();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Work that failed because the cluster or its database was briefly unavailable (a silo it called stopped or died, the silo
    /// owning this grain's share of the reminder ring among them, or a call timed out) is tried again a little later
    /// on this activation: a persisted operation that no longer runs starts again from its persisted start, and
    /// otherwise every stored deadline gets its reminder (a reminder registration that failed after its transition
    /// committed would leave the deadline without a wake-up). Each retry that fails the same way schedules the next.
    /// </summary>
    private void RetryIfTransient(Exception exception)
    {
        if (exception is not (OrleansException or TimeoutException) && OrleansCompute.Faults.StorageOutage.Find(exception) is null)
        {
            return;
        }

        // A write the outage cut off can still have committed, leaving this activation's ETag stale: every later
        // write would then fail the same way. Start again from the stored truth, as after a crash.
        var reload = Chain(exception).Any(e => e is InconsistentStateException);
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(
            async () =>
            {
                timer?.Dispose();
                try
                {
                    if (reload && _runningOperations == 0)
                    {
                        await state.ReadStateAsync(CancellationToken.None);
                        _live = state.State.Server;
                    }

                    if (state.State.Pending is not null)
                    {
                        await ResumeAsync();
                    }
                    else if (_live is not null)
                    {
                        // A commit whose state write passed but whose index write found the database gone.
                        await index.UpsertAsync(_live, CancellationToken.None);
                        await EnsureRemindersAsync();
                    }
                }
                catch (Exception again)
                {
                    LogOperationFailed(logger, again, Id);
                    RetryIfTransient(again);
                }
            },
            new GrainTimerCreationOptions { DueTime = TransientRetryDelay, Period = Timeout.InfiniteTimeSpan });
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
