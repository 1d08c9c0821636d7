using Orleans.Storage;
using OrleansCompute.Faults;

namespace OrleansCompute.Storage;

/// <summary>
/// One durable write for many callers of a reentrant grain (issue 19). A caller changes the grain's working copy in
/// its turn, then awaits <see cref="WriteAsync"/>. With no write in flight, a write starts at once; while one is in
/// flight, callers join the next, which starts when the first ends and stores the working copy as it is then. So
/// each caller is answered only after a write that began after its change (an answered change is durable), and a
/// burst of claims costs one round trip to storage instead of one each, queued one behind the other.
/// Storage serializes a snapshot taken as the write starts, never the working copy, which the grain's turns keep
/// changing while the write is in flight (Orleans' storage may serialize off the grain's scheduler).
/// Used only from the grain's own turns, which never run at once, so it needs no lock.
/// </summary>
internal sealed class CoalescingStateWriter<T>(IPersistentState<T> storage, Func<T> snapshot, Action whenUnreadable)
{
    private NextWrite? _next;
    private bool _writing;

    /// <summary>
    /// Completes when a write that includes every change made before this call is durable. When that write fails,
    /// the task fails with its exception after <paramref name="undo"/> has run (the caller's change, taken back).
    /// </summary>
    public Task WriteAsync(Action undo)
    {
        var next = _next ??= new NextWrite();
        next.Undos.Add(undo);
        if (!_writing)
        {
            _ = WriteQueuedAsync();
        }

        return next.Written.Task;
    }

    private async Task WriteQueuedAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } write)
            {
                _next = null;
                storage.State = snapshot();
                try
                {
                    await storage.WriteStateAsync();
                    write.Written.SetResult();
                }
                catch (Exception exception)
                {
                    // Undo newest first, so each undo sees the state its own change left.
                    for (var i = write.Undos.Count - 1; i >= 0; i--)
                    {
                        write.Undos[i]();
                    }

                    if (exception is InconsistentStateException)
                    {
                        // Storage holds a version this activation did not write: another activation of the grain
                        // (briefly possible while the cluster's membership changes) wrote it. This one's memory is
                        // stale, so it goes away once idle and the next one starts from storage; the callers get a
                        // retryable 503 rather than a 500.
                        whenUnreadable();
                        write.Written.SetException(new StorageUnavailableException("The state changed elsewhere; try again.", exception));
                        continue;
                    }

                    await RefreshETagAsync();
                    write.Written.SetException(exception);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>
    /// After a failed write the stored version is unknown (the commit may have happened): reading it back gives the
    /// next write the right ETag. When even that fails, the activation goes away once idle and the next one starts
    /// from storage, since every later write would fail on a stale ETag.
    /// </summary>
    private async Task RefreshETagAsync()
    {
        try
        {
            await storage.ReadStateAsync();
        }
        catch (Exception)
        {
            whenUnreadable();
        }
    }

    private sealed class NextWrite
    {
        public List<Action> Undos { get; } = [];

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
