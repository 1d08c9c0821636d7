namespace OrleansCompute.Servers;

/// <summary>
/// Marshals a callback that someone else may invoke from any thread (a driver's progress report after a
/// <c>ConfigureAwait(false)</c> or inside <c>Task.Run</c>) onto the scheduler of the grain turn that created it, so
/// grain state is only ever changed by grain code. A call made on that scheduler runs at once (in order with the
/// turn); a call from elsewhere is queued to it and dropped if the work it belonged to has been cancelled by then.
/// </summary>
internal static class GrainCallback
{
    /// <summary>Wraps <paramref name="apply"/> for the scheduler current now (call it inside a grain turn).</summary>
    public static Action<T> OnCurrentScheduler<T>(Action<T> apply, CancellationToken cancellationToken)
    {
        var scheduler = TaskScheduler.Current;
        return value =>
        {
            if (TaskScheduler.Current == scheduler)
            {
                apply(value);
                return;
            }

            _ = Task.Factory.StartNew(
                () =>
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        apply(value);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.None,
                scheduler);
        };
    }
}
