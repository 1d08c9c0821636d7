namespace OrleansCompute.Testing.Inspection;

/// <summary>Polls a condition until it holds or a real-time deadline passes; between tries it may move the fake clock.</summary>
internal static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Action? betweenTries, Func<T?, string> describe, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        T? last = default;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s in vain: {describe(last)}");
            }

            betweenTries?.Invoke();
            await Task.Delay(Interval, cancellationToken);
        }
    }
}
