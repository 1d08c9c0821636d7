namespace OrleansCompute.LoadTest;

/// <summary>Runs numbered work items on a fixed number of workers until the count or the time runs out.</summary>
public static class Workers
{
    public static async Task<int> RunAsync(int count, int concurrency, TimeSpan duration, Func<int, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(duration);
        var next = -1;
        var done = 0;
        var tasks = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            while (!deadline.IsCancellationRequested)
            {
                var item = Interlocked.Increment(ref next);
                if (item >= count)
                {
                    return;
                }

                try
                {
                    await work(item, deadline.Token);
                    Interlocked.Increment(ref done);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(tasks);
        return done;
    }
}
