using Microsoft.Extensions.Logging;
using OrleansCompute.Quotas;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The host's claim reconciler, the net under the servers' own releases (their outbox): a claim whose server is
/// gone (its index row deleted, or no row at all) is released once it is older than the grace period — a build
/// in flight claims before its server is written. It runs on activation and by a reminder, as the projects'
/// quota reconciler does (<see cref="OrleansCompute.Quotas.QuotaReconcileOptions"/>), each correction logged and
/// counted in <c>compute.host.claims.reconciled</c>.
/// </summary>
internal sealed partial class HostGrain
{
    private const string ReconcileReminder = "host-reconcile";

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReconcileReminder ? ReconcileSafelyAsync(ensureReminder: false) : Task.CompletedTask;

    public async Task<int> ReconcileAsync()
    {
        var now = clock.UtcNow;
        var grace = TimeSpan.FromSeconds(reconcile.Value.GraceSeconds);
        var released = new List<string>();
        var stamped = false;
        foreach (var (consumer, claim) in state.State.Claims.ToList())
        {
            if (claim.ClaimedAt is not { } claimedAt)
            {
                // Stored before claims had a time: its grace starts now.
                state.State.Claims[consumer] = claim with { ClaimedAt = now };
                stamped = true;
                continue;
            }

            var colon = consumer.IndexOf(':', StringComparison.Ordinal);
            if (now - claimedAt < grace || !Guid.TryParse(colon < 0 ? consumer : consumer[..colon], out var serverId))
            {
                continue;
            }

            if (await index.FindAsync(serverId) is not { Deleted: false })
            {
                released.Add(consumer);
            }
        }

        var removed = released.Where(c => state.State.Claims.Remove(c)).ToList();
        if (removed.Count > 0 || stamped)
        {
            await state.WriteStateAsync();
        }

        if (removed.Count > 0)
        {
            LogReconciled(logger, _host.Name, removed.Count, string.Join(", ", removed));
            ComputeInstruments.HostClaimsReconciled.Add(removed.Count);
        }

        return removed.Count;
    }

    private async Task ReconcileSafelyAsync(bool ensureReminder)
    {
        try
        {
            if (ensureReminder)
            {
                await ReconcileSchedule.EnsureAsync(this, ReconcileReminder, reconcile.Value);
            }

            await ReconcileAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed write leaves memory ahead of storage: reload, and the next activation or tick tries again.
            LogReconcileFailed(logger, exception, _host.Name);
            await state.ReadStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claims of host {Host} reconciled: released {Claims} claims of servers that are gone ({Consumers})")]
    private static partial void LogReconciled(ILogger logger, string host, int claims, string consumers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim reconciliation of host {Host} failed; it runs again later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string host);
}
