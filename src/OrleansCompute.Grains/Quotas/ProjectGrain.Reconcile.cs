using Microsoft.Extensions.Logging;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;
using OrleansCompute.Tallies;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Quotas;

/// <summary>
/// The quota reconciler and the recount: the claims are recounted against the servers that exist and count (the
/// server index: not deleted, not soft-deleted), and a claim of any other server is released once it is older than
/// the grace period — younger ones may belong to a create in flight, which claims before its server is written. It
/// runs on activation (before any claim is answered: it builds the tally) and then every <see cref="QuotaReconcileOptions.IntervalSeconds"/> (a reminder), each
/// correction logged as a warning and counted in <c>compute.quota.reconciled</c>. Servers' own releases (their
/// outbox) are the rule; this is the net under them (a server lost before it wrote its outbox, an older version).
/// </summary>
internal sealed partial class ProjectGrain
{
    private const string ReconcileReminder = "quota-reconcile";

    private readonly ProjectUsageTally _tally = new();
    private readonly StoredClaimsUpkeep _upkeep = new();
    private Task<QuotaCorrection>? _recount;
    private bool _forgetting;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State;
        // The tally must be whole before the first claim is answered: a claim against a partial count could pass a limit.
        await RecountAsync();
        // After activation, on a timer: the reminder's registration must not hold up the activation.
        this.RegisterGrainTimer(
            _ => EnsureReminderSafelyAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReconcileReminder ? ReconcileSafelyAsync() : Task.CompletedTask;

    public Task<QuotaCorrection> ReconcileAsync() => RecountAsync();

    /// <summary>One recount at a time: a reminder's tick or an operator's call during a recount shares it.</summary>
    private Task<QuotaCorrection> RecountAsync()
    {
        if (_recount is { IsCompleted: false } running)
        {
            return running;
        }

        return _recount = RecountOnceAsync();
    }

    /// <summary>
    /// The tally again from the index (the servers that count, with their flavor's size) and the stored claims: a
    /// stored claim the index confirms with the same size is forgotten (the index holds it now), one the index does
    /// not count is released once older than the grace period (a create in flight writes its server after its
    /// claim). A server the index stopped counting leaves the tally with it: its own release may still be on its
    /// way (the server's outbox runs after its state and index row are written), and is then a no-op.
    /// </summary>
    /// <remarks>
    /// Claims and releases go on while the index is read (the grain is reentrant); the tally remembers the servers
    /// they change, and the recount leaves those as they are now instead of what it read.
    /// </remarks>
    private async Task<QuotaCorrection> RecountOnceAsync()
    {
        _tally.StartRecount();
        Dictionary<Guid, ServerQuotaUsage> counted;
        try
        {
            counted = await CountedServersAsync();
        }
        catch
        {
            _tally.AbandonRecount();
            throw;
        }

        var now = clock.UtcNow;
        var grace = TimeSpan.FromSeconds(reconcile.Value.GraceSeconds);
        var released = new List<(Guid Id, ServerQuotaUsage Usage)>();
        var changed = false;
        foreach (var (serverId, usage) in _live.Servers.ToList())
        {
            if (_tally.ChangedDuringRecount(serverId))
            {
                continue;
            }

            if (counted.TryGetValue(serverId, out var indexed))
            {
                if (indexed.Vcpus == usage.Vcpus && indexed.RamMb == usage.RamMb)
                {
                    _live.Servers.Remove(serverId);
                    changed = true;
                }

                continue;
            }

            if (usage.ClaimedAt is not { } claimedAt)
            {
                // Stored before claims had a time: its grace starts now.
                _live.Servers[serverId] = usage with { ClaimedAt = now };
                changed = true;
            }
            else if (now - claimedAt >= grace)
            {
                _live.Servers.Remove(serverId);
                released.Add((serverId, usage));
                changed = true;
            }
        }

        _tally.EndRecount(counted, _live.Servers);
        _upkeep.Looked(_live.Servers.Count);
        if (changed)
        {
            // Memory already holds the corrections; when this write fails the next one stores them.
            await Writer.WriteAsync(undo: () => { });
        }

        var correction = new QuotaCorrection
        {
            Released = released.Select(r => r.Id).ToArray(),
            Instances = released.Count,
            Cores = released.Sum(r => (long)r.Usage.Vcpus),
            Ram = released.Sum(r => (long)r.Usage.RamMb),
        };
        if (released.Count > 0)
        {
            LogReconciled(logger, this.GetPrimaryKeyString(), correction.Instances, correction.Cores, correction.Ram, string.Join(", ", correction.Released));
            ComputeInstruments.QuotaReconciled.Add(released.Count);
        }

        return correction;
    }

    /// <summary>
    /// Before a claim's write, once the stored claims have doubled since the last look: those the index now
    /// confirms with the same size are forgotten (the write that follows stores the shorter list), so the stored
    /// state stays as small as the creates in flight. One index read per stored claim, amortised to a few per claim.
    /// </summary>
    private async Task ForgetConfirmedClaimsAsync()
    {
        if (_forgetting || !_upkeep.ForgetDue(_live.Servers.Count))
        {
            return;
        }

        _forgetting = true;
        try
        {
            var project = this.GetPrimaryKeyString();
            var stored = _live.Servers.ToList();
            var found = await Task.WhenAll(stored.Select(s => index.FindAsync(s.Key)));
            for (var i = 0; i < stored.Count; i++)
            {
                var (serverId, usage) = stored[i];
                // Only the record that was read: a claim, resize or release may have replaced it during the reads.
                if (found[i] is { } server && Counts(server, project) && server.Flavor.Vcpus == usage.Vcpus && server.Flavor.RamMb == usage.RamMb
                    && _live.Servers.TryGetValue(serverId, out var current) && ReferenceEquals(current, usage))
                {
                    _live.Servers.Remove(serverId);
                }
            }

            _upkeep.Looked(_live.Servers.Count);
        }
        finally
        {
            _forgetting = false;
        }
    }

    /// <summary>Whether an index row counts toward its project's quota (the index's own default: not deleted, not soft-deleted).</summary>
    private static bool Counts(ServerSnapshot server, string projectId) =>
        !server.Deleted && server.VmState != VmState.SoftDeleted && string.Equals(server.ProjectId, projectId, StringComparison.Ordinal);

    /// <summary>The project's servers that count toward its quota (the index's default), with their size.</summary>
    private async Task<Dictionary<Guid, ServerQuotaUsage>> CountedServersAsync()
    {
        var servers = new Dictionary<Guid, ServerQuotaUsage>();
        await foreach (var server in index.AllAsync(new ServerQuery { ProjectId = this.GetPrimaryKeyString() }))
        {
            servers[server.Id] = new ServerQuotaUsage { Vcpus = server.Flavor.Vcpus, RamMb = server.Flavor.RamMb };
        }

        return servers;
    }

    private Task EnsureReminderSafelyAsync() =>
        ReconcileSchedule.SafelyAsync(() => ReconcileSchedule.EnsureAsync(this, ReconcileReminder, reconcile.Value), LogReconcileFailed);

    /// <summary>Quota answers do not wait for the reconciler: a failed recount waits for the next activation or tick.</summary>
    private Task ReconcileSafelyAsync() => ReconcileSchedule.SafelyAsync(RecountAsync, LogReconcileFailed);

    private void LogReconcileFailed(Exception exception) => LogReconcileFailed(logger, exception, this.GetPrimaryKeyString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota of project {ProjectId} reconciled: released {Instances} instances, {Cores} cores, {Ram} MB of ram held by servers that do not exist or do not count ({ServerIds})")]
    private static partial void LogReconciled(ILogger logger, string projectId, int instances, long cores, long ram, string serverIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota reconciliation of project {ProjectId} failed; it runs again later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string projectId);
}
