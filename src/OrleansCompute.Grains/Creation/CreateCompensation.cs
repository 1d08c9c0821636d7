using Orleans.Runtime;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// Which failures of a single create (<see cref="ServerCreateSaga"/> with its progress in memory) give back what
/// its earlier steps took (a reserved fixed IP or port, the quota claim, the server group membership): those after which the server certainly does not exist. A Nova fault
/// was thrown by a step that refused; an Orleans message rejection means the call was never delivered — what a
/// client sees while a killed silo is still in the membership and the new server grain is placed on it. Without
/// this, every retried create during a fail-over kept its quota claim, and a project ran out of quota for servers
/// that never existed. Any other failure is undecided (a timeout; a storage write of the server that failed, as on a
/// full disk): the server may have been created after all, so the server grain is asked to abandon the id
/// (<see cref="IServerGrain.AbandonIfNotCreatedAsync"/>) and the claims go back only if it did. When neither the
/// question nor the give-back can be done now (a database outage), they are retried in the background.
/// </summary>
internal static class CreateCompensation
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    /// <summary>Past this the reconciler's grace period (5 min by default) has long passed: it takes over.</summary>
    internal static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    public static bool GivesBack(Exception exception) => exception switch
    {
        ComputeFaultException => true,
        OrleansMessageRejectionException => true,
        OrleansException { InnerException: { } inner } => GivesBack(inner),
        _ => false,
    };

    /// <summary>Whether a server exists under the grain's id, settled by the grain; <see cref="AbandonOutcome.Unknown"/> when it cannot be asked now.</summary>
    public static async Task<AbandonOutcome> TryAbandonAsync(IServerGrain server)
    {
        try
        {
            return await server.AbandonIfNotCreatedAsync() ? AbandonOutcome.Abandoned : AbandonOutcome.Exists;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cluster is still unsettled, or storage refuses the abandon too: the claim stays (never an
            // over-grant) until a later attempt settles it (RetryInBackground).
            return AbandonOutcome.Unknown;
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> again with a doubling backoff (1 s up to 15 s) until it returns true, for at
    /// most <see cref="GiveUpAfter"/>. It runs off the caller's activation (a stateless worker that may be collected
    /// meanwhile) and only in memory: the database it would record a retry in is what failed. A silo that dies
    /// before it succeeds leaves the claim to the project's quota reconciler, which releases claims without a server
    /// once they are older than its grace period.
    /// </summary>
    public static void RetryInBackground(Func<Task<bool>> attempt) => _ = Task.Run(async () =>
    {
        var delay = FirstRetry;
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < GiveUpAfter)
        {
            await Task.Delay(delay, TimeProvider.System);
            if (await attempt())
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    });
}
