using OrleansCompute.Servers;

namespace OrleansCompute.Driver;

/// <summary>
/// The seam where a hypervisor plugs in. The ServerGrain calls it for every operation that touches the
/// (virtual) machine and applies the state transition when it completes. A failure is a thrown
/// <see cref="ComputeDriverException"/>.
/// <para>
/// Threads: a driver may await with <c>ConfigureAwait(false)</c>, run work on the thread pool and call back from
/// any thread. The grain never lets that change its state off its own scheduler: the progress callback it passes
/// is marshalled onto the grain (a call from another thread is queued to the grain's scheduler, a call made on
/// it runs at once), and the grain applies the operation's result when the returned task completes, on its own
/// scheduler. A driver must not assume the callback has run when it returns, and reports of an operation that
/// ended or was cancelled meanwhile are dropped.
/// </para>
/// </summary>
public interface IComputeDriver
{
    /// <summary>
    /// Carries out one operation; reports progress (0-100) while it runs, from any thread (see the type's remarks:
    /// <paramref name="reportProgress"/> is marshalled onto the grain's scheduler).
    /// </summary>
    Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="ExecuteAsync"/> of <paramref name="operation"/> on <paramref name="server"/> finishes at once,
    /// with nothing that could be left half-done by a crash (a simulated machine with no duration). The grain then
    /// runs the operation inside the request and stores only where it ends (a delete: one write, DELETED) instead of
    /// storing the transitional state first. The default, false, is right for any driver that touches a machine.
    /// </summary>
    bool CompletesAtOnce(DriverOperation operation, ServerSnapshot server) => false;

    /// <summary>
    /// Nova's <c>live_migration_force_complete</c>: the live migration of <paramref name="server"/> in flight should
    /// converge now (libvirt switches to post-copy or pauses the guest). A driver without such a switch lets the
    /// migration run on, which is what the default does.
    /// </summary>
    Task ForceCompleteLiveMigrationAsync(ServerSnapshot server, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The machine's console log (Nova's <c>get_console_output</c>).</summary>
    Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken);
}
