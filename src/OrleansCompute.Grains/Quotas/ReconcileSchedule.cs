namespace OrleansCompute.Quotas;

/// <summary>The reminder that runs a reconciler periodically (a project's quota, a host's claims).</summary>
internal static class ReconcileSchedule
{
    /// <summary>Registers the reminder every <see cref="QuotaReconcileOptions.IntervalSeconds"/> unless it exists or the interval is 0.</summary>
    public static async Task EnsureAsync(IGrainBase grain, string reminderName, QuotaReconcileOptions options)
    {
        if (options.IntervalSeconds > 0 && await grain.GetReminder(reminderName) is null)
        {
            var period = TimeSpan.FromSeconds(options.IntervalSeconds);
            await grain.RegisterOrUpdateReminder(reminderName, period, period);
        }
    }

    /// <summary>Runs a reconciler's step; a failure is logged, and the next activation or tick tries again.</summary>
    public static async Task SafelyAsync(Func<Task> step, Action<Exception> failed)
    {
        try
        {
            await step();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failed(exception);
        }
    }
}
