using System.Diagnostics.CodeAnalysis;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// Lets one write connection of a database be open at a time in this process. Microsoft.Data.Sqlite waits for
/// SQLite's write lock by sleeping on the calling thread (busy_timeout, or its own retry loop), so contending
/// writers would stall the thread pool that Orleans runs on. Queued here, they wait asynchronously and in order.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, and it is not. "
        + "Not disposing it means a connection closed after the database was disposed can still release it safely.")]
internal sealed class SqliteConnectionGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly TimeSpan _timeout;

    public SqliteConnectionGate(TimeSpan timeout)
    {
        _timeout = timeout;
    }

    public void Enter()
    {
        if (!_semaphore.Wait(_timeout))
        {
            throw TimedOut();
        }
    }

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false))
        {
            throw TimedOut();
        }
    }

    public void Exit() => _semaphore.Release();

    // A connection that is never closed would hold the gate for ever; fail loudly instead of hanging every writer.
    private TimeoutException TimedOut() =>
        new($"No SQLite write connection became free within {_timeout.TotalSeconds:0} s; a connection may not have been disposed.");
}
