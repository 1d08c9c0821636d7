using Microsoft.Extensions.Logging;
using OrleansCompute.Indexing;
using OrleansCompute.Quotas;
using OrleansCompute.Servers;
using OrleansCompute.Tallies;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The host's recount and claim reconciler, the net under the servers' own releases (their outbox): a claim whose
/// server is gone (its index row deleted, or no row at all) is released once it is older than the grace period — a
/// build in flight claims before its server is written. It runs on activation (before any claim is answered: it
/// builds the tally) and by a reminder, as the projects'
/// quota reconciler does (<see cref="OrleansCompute.Quotas.QuotaReconcileOptions"/>), each correction logged and
/// counted in <c>compute.host.claims.reconciled</c>.
/// </summary>
internal sealed partial class HostGrain
{
    private const string ReconcileReminder = "host-reconcile";

    private readonly HostClaimTally _tally = new();
    private readonly StoredClaimsUpkeep _upkeep = new();

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReconcileReminder ? ReconcileSafelyAsync() : Task.CompletedTask;

    private Task<int>? _recount;
    private bool _forgetting;

    public Task<int> ReconcileAsync() => RecountAsync();

    /// <summary>One recount at a time: a reminder's tick or an operator's call during a recount shares it.</summary>
    private Task<int> RecountAsync()
    {
        if (_recount is { IsCompleted: false } running)
        {
            return running;
        }

        return _recount = RecountOnceAsync();
    }

    /// <summary>
    /// The tally again from the index (the servers on this host, soft-deleted ones included, each claiming its
    /// flavor's size) and the stored claims: a stored claim the index confirms is forgotten (the index holds it
    /// now); one whose server is gone (its row deleted, or no row) is released once older than the grace period.
    /// A server the index stopped showing here leaves the tally with it: its own release may still be on its way
    /// (the server's outbox runs after its state and index row are written), and is then a no-op.
    /// </summary>
    /// <remarks>
    /// Claims and releases go on while the index is read (the grain is reentrant); the tally remembers the consumers
    /// they change, and the recount leaves those as they are now instead of what it read.
    /// </remarks>
    private async Task<int> RecountOnceAsync()
    {
        _tally.StartRecount();
        var released = new List<string>();
        var changed = false;
        Dictionary<string, ServerSnapshot> onHost;
        try
        {
            onHost = await ServersOnHostAsync();
            var now = clock.UtcNow;
            var grace = TimeSpan.FromSeconds(reconcile.Value.GraceSeconds);
            foreach (var (consumer, claim) in _live.Claims.ToList())
            {
                if (_tally.ChangedDuringRecount(consumer))
                {
                    continue;
                }

                if (onHost.TryGetValue(consumer, out var server) && Confirms(server, claim))
                {
                    _live.Claims.Remove(consumer);
                    changed = true;
                    continue;
                }

                if (claim.ClaimedAt is not { } claimedAt)
                {
                    // Stored before claims had a time: its grace starts now.
                    _live.Claims[consumer] = claim with { ClaimedAt = now };
                    changed = true;
                    continue;
                }

                var colon = consumer.IndexOf(':', StringComparison.Ordinal);
                if (now - claimedAt < grace || !Guid.TryParse(colon < 0 ? consumer : consumer[..colon], out var serverId))
                {
                    continue;
                }

                // The read yields to claims and releases: release only the record read, and only if nothing changed it.
                if (await index.FindAsync(serverId) is not { Deleted: false }
                    && !_tally.ChangedDuringRecount(consumer)
                    && _live.Claims.TryGetValue(consumer, out var current) && ReferenceEquals(current, claim))
                {
                    _live.Claims.Remove(consumer);
                    released.Add(consumer);
                    changed = true;
                }
            }
        }
        catch
        {
            _tally.AbandonRecount();
            throw;
        }

        _tally.EndRecount(onHost.Select(s => HostClaimSize.For(s.Key, s.Value.Flavor)), _live.Claims.Values);
        _upkeep.Looked(_live.Claims.Count);
        Publish();
        if (changed)
        {
            // Memory already holds the corrections; when this write fails the next one stores them.
            await Writer.WriteAsync(undo: () => { });
        }

        if (released.Count > 0)
        {
            LogReconciled(logger, _host.Name, released.Count, string.Join(", ", released));
            ComputeInstruments.HostClaimsReconciled.Add(released.Count);
        }

        return released.Count;
    }

    /// <summary>
    /// Before a claim's write, once the stored claims have doubled since the last look: those the index now
    /// confirms are forgotten (the write that follows stores the shorter list), so the stored state stays as small
    /// as the builds in flight. One index read per stored claim, amortised to a few per claim.
    /// </summary>
    private async Task ForgetConfirmedClaimsAsync()
    {
        if (_forgetting || !_upkeep.ForgetDue(_live.Claims.Count))
        {
            return;
        }

        _forgetting = true;
        try
        {
            var stored = _live.Claims.Values.Where(c => Guid.TryParse(c.ConsumerId, out _)).ToList();
            var found = await Task.WhenAll(stored.Select(c => index.FindAsync(Guid.Parse(c.ConsumerId))));
            for (var i = 0; i < stored.Count; i++)
            {
                // Only the record that was read: a claim or release may have replaced it during the reads.
                if (found[i] is { } server && string.Equals(server.Host, _host.Name, StringComparison.Ordinal) && Confirms(server, stored[i])
                    && _live.Claims.TryGetValue(stored[i].ConsumerId, out var current) && ReferenceEquals(current, stored[i]))
                {
                    _live.Claims.Remove(stored[i].ConsumerId);
                }
            }

            _upkeep.Looked(_live.Claims.Count);
        }
        finally
        {
            _forgetting = false;
        }
    }

    /// <summary>
    /// Whether the index row of a server on this host holds the claim for it: the server's own consumer (not a
    /// resize's second one), the row not deleted, settled (no task, not waiting for a resize confirmation: the row
    /// may name the destination while the source still holds its claim), and its flavor the claimed size.
    /// </summary>
    private static bool Confirms(ServerSnapshot server, HostClaim claim) =>
        !server.Deleted
        && server.TaskState is null
        && server.VmState != VmState.Resized
        && string.Equals(claim.ConsumerId, HostClaim.ConsumerFor(server.Id), StringComparison.Ordinal)
        && HostClaimSize.For(claim.ConsumerId, server.Flavor) == claim with { ClaimedAt = null };

    /// <summary>The servers on this host by consumer id (soft-deleted ones still occupy it).</summary>
    private async Task<Dictionary<string, ServerSnapshot>> ServersOnHostAsync()
    {
        var servers = new Dictionary<string, ServerSnapshot>(StringComparer.Ordinal);
        await foreach (var server in index.AllAsync(new ServerQuery { Host = _host.Name, IncludeSoftDeleted = true }))
        {
            servers[HostClaim.ConsumerFor(server.Id)] = server;
        }

        return servers;
    }

    private Task EnsureReminderSafelyAsync() =>
        ReconcileSchedule.SafelyAsync(() => ReconcileSchedule.EnsureAsync(this, ReconcileReminder, reconcile.Value), LogReconcileFailed);

    private Task ReconcileSafelyAsync() => ReconcileSchedule.SafelyAsync(RecountAsync, LogReconcileFailed);

    private void LogReconcileFailed(Exception exception) => LogReconcileFailed(logger, exception, _host.Name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claims of host {Host} reconciled: released {Claims} claims of servers that are gone ({Consumers})")]
    private static partial void LogReconciled(ILogger logger, string host, int claims, string consumers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim reconciliation of host {Host} failed; it runs again later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string host);
}
