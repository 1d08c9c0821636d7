using Microsoft.Extensions.Logging;
using OrleansCompute.Indexing;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Quotas;

/// <summary>
/// The quota reconciler: the claims are recounted against the servers that exist and count (the server index:
/// not deleted, not soft-deleted), and a claim of any other server is released once it is older than the grace
/// period — younger ones may belong to a create in flight, which claims before its server is written. It runs
/// once on activation and then every <see cref="QuotaReconcileOptions.IntervalSeconds"/> (a reminder), each
/// correction logged as a warning and counted in <c>compute.quota.reconciled</c>. Servers' own releases (their
/// outbox) are the rule; this is the net under them (a server lost before it wrote its outbox, an older version).
/// </summary>
internal sealed partial class ProjectGrain
{
    private const string ReconcileReminder = "quota-reconcile";
    private const int PageSize = 1000;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A timer, not a task: its turn does not interleave with the claims, so no two state writes overlap.
        this.RegisterGrainTimer(
            _ => ReconcileSafelyAsync(ensureReminder: true),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReconcileReminder ? ReconcileSafelyAsync(ensureReminder: false) : Task.CompletedTask;

    public async Task<QuotaCorrection> ReconcileAsync()
    {
        var counted = await CountedServersAsync();
        var now = clock.UtcNow;
        var grace = TimeSpan.FromSeconds(reconcile.Value.GraceSeconds);
        var released = new List<(Guid Id, ServerQuotaUsage Usage)>();
        var stamped = false;
        foreach (var (serverId, usage) in state.State.Servers.ToList())
        {
            if (counted.Contains(serverId))
            {
                continue;
            }

            if (usage.ClaimedAt is not { } claimedAt)
            {
                // Stored before claims had a time: its grace starts now.
                state.State.Servers[serverId] = usage with { ClaimedAt = now };
                stamped = true;
            }
            else if (now - claimedAt >= grace)
            {
                released.Add((serverId, usage));
            }
        }

        foreach (var (serverId, _) in released)
        {
            state.State.Servers.Remove(serverId);
        }

        if (released.Count > 0 || stamped)
        {
            await WriteAsync();
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

    /// <summary>The ids of the project's servers that count toward its quota, page by page.</summary>
    private async Task<HashSet<Guid>> CountedServersAsync()
    {
        var ids = new HashSet<Guid>();
        Guid? marker = null;
        while (true)
        {
            var page = await index.QueryAsync(new ServerQuery { ProjectId = this.GetPrimaryKeyString(), Marker = marker, Limit = PageSize });
            foreach (var server in page)
            {
                ids.Add(server.Id);
            }

            if (page.Count < PageSize)
            {
                return ids;
            }

            marker = page[^1].Id;
        }
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
            // The next activation or tick tries again; quota answers do not wait for the reconciler.
            LogReconcileFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota of project {ProjectId} reconciled: released {Instances} instances, {Cores} cores, {Ram} MB of ram held by servers that do not exist or do not count ({ServerIds})")]
    private static partial void LogReconciled(ILogger logger, string projectId, int instances, long cores, long ram, string serverIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota reconciliation of project {ProjectId} failed; it runs again later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string projectId);
}
