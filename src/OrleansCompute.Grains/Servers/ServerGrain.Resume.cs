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
    /// An operation that failed because the cluster was briefly unavailable (a silo it called stopped or died, a
    /// call timed out) runs again a little later on this activation, from its persisted start; anything else stays
    /// failed (and logged) until the grain is resumed.
    /// </summary>
    private void RetryIfTransient(Exception exception)
    {
        if (exception is not (OrleansException or TimeoutException) || state.State.Pending is null)
        {
            return;
        }

        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(
            () =>
            {
                timer?.Dispose();
                return ResumeAsync();
            },
            new GrainTimerCreationOptions { DueTime = TransientRetryDelay, Period = Timeout.InfiniteTimeSpan });
    }
}
