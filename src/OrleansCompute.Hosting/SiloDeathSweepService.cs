using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCompute.Servers;

namespace OrleansCompute.Hosting;

/// <summary>
/// Cluster mode: when membership declares a silo dead, the builds and deletes that were running on it have no
/// activation any more, and nothing would call those servers again. Every survivor then wakes the in-flight
/// servers (the same idempotent sweep as at start-up): each wakes on a live silo and resumes the operation it
/// persisted. Several survivors sweeping costs a few duplicate no-op calls, which is cheaper and simpler than
/// electing one that might itself be dying.
/// </summary>
internal sealed partial class SiloDeathSweepService(
    IClusterMembershipService membership,
    InFlightServerSweeper sweeper,
    ILogger<SiloDeathSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Silos dead before this one started are the start-up sweep's business, not ours.
        var knownDead = DeadSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var dead = DeadSilos(snapshot);
                var newlyDead = dead.Except(knownDead).ToList();
                knownDead = dead;
                if (newlyDead.Count == 0)
                {
                    continue;
                }

                LogSweeping(logger, string.Join(", ", newlyDead));
                try
                {
                    await sweeper.ResumeAllAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(member => member.Status == SiloStatus.Dead).Select(member => member.SiloAddress)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo(s) {Silos} declared dead; waking servers whose operations were in flight")]
    private static partial void LogSweeping(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking in-flight servers after a silo death failed; they resume when next called")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
