using Microsoft.Extensions.Logging;
using OrleansCompute.Faults;
using OrleansCompute.Migrations;
using OrleansCompute.Networking;
using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// The outbox: what a committed transition still has to do on other grains (host claims, quota, group
/// memberships, addresses). The entries are written by the same state write as the commit that makes them due
/// (<see cref="ServerState.Outbox"/>), then run; each is removed only after it succeeded. A failed entry stays and
/// holds up only the later entries of its own grain (<see cref="ServerOutboxEntry.Lane"/>), never the others. What
/// is left is retried by a grain timer with backoff while the grain is active, and by the <see cref="OutboxReminder"/>
/// once it is not (a deleted server's grain goes idle): the reminder is registered before such a commit, so a crash
/// right after it still comes back, and it is unregistered when the outbox is empty. An activation re-runs what it
/// finds. A crash between a step and the write that forgets it repeats the step: every step is idempotent per server.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>The reminder that brings the grain back while its outbox is not empty.</summary>
    internal const string OutboxReminder = "outbox";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(1);

    private Task? _draining;
    private IGrainTimer? _outboxTimer;
    private TimeSpan _nextRetry = FirstRetry;
    private bool _outboxReminderMayExist;

    /// <summary>The outbox reminder as this activation last registered it: unregistered without reading it back.</summary>
    private IGrainReminder? _outboxReminder;

    /// <summary>The entries a row's hooks make due, from the server before the end and the state the end is written to.</summary>
    private List<ServerOutboxEntry> DueAfter(IEnumerable<ServerHook> hooks, ServerSnapshot before, ServerState target)
    {
        var due = new List<ServerOutboxEntry>();
        foreach (var hook in hooks)
        {
            switch (hook)
            {
                case ServerHook.ReleaseHostResources:
                    due.AddRange(HostReleases(before, target));
                    break;
                case ServerHook.SettleResizeQuota:
                    var flavor = target.Server!.Flavor;
                    due.Add(Entry(ServerOutboxWork.SettleQuota, before.ProjectId) with { Vcpus = flavor.Vcpus, RamMb = flavor.RamMb });
                    break;
                case ServerHook.ReleaseServerQuota:
                    due.Add(Entry(ServerOutboxWork.ReleaseQuota, before.ProjectId));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(hooks), hook, "No such hook.");
            }
        }

        return due;
    }

    /// <summary>
    /// What a server that is gone for good (deleted, forced, reclaimed) gives back: its addresses, its host
    /// claims, its quota and its group memberships. Computed before the delete's write clears the build's requests.
    /// </summary>
    private List<ServerOutboxEntry> DueAfterDelete(ServerSnapshot before, ServerState target)
    {
        var due = AddressReleases(before, target);
        due.AddRange(HostReleases(before, target));
        due.Add(Entry(ServerOutboxWork.ReleaseQuota, before.ProjectId));
        foreach (var group in before.ServerGroups)
        {
            if (Guid.TryParse(group, out var groupId))
            {
                due.Add(Entry(ServerOutboxWork.LeaveServerGroup, groupId.ToString()));
            }
        }

        return due;
    }

    /// <summary>
    /// Both claims of the server (the second exists while a resize waits for confirmation) on the host it is on,
    /// and on the host a resize came from.
    /// </summary>
    private IEnumerable<ServerOutboxEntry> HostReleases(ServerSnapshot before, ServerState target)
    {
        var hosts = new[] { before.Host, target.Resize?.SourceHost }
            .Where(h => !string.IsNullOrEmpty(h))
            .Distinct(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            yield return Entry(ServerOutboxWork.ReleaseHostClaim, host!) with { Consumer = HostClaim.ConsumerFor(Id) };
            yield return Entry(ServerOutboxWork.ReleaseHostClaim, host!) with { Consumer = HostClaim.ConsumerFor(Id) + ResizeConsumerSuffix };
        }
    }

    /// <summary>
    /// The server's address on every network it holds or may hold one on (a build can stop half-way): the
    /// allocated address where it is known, else what was requested, which names the address block.
    /// </summary>
    private List<ServerOutboxEntry> AddressReleases(ServerSnapshot before, ServerState target)
    {
        if (PortsAllKnown(before, target))
        {
            return [.. before.Addresses.Select(a => a.PortId!).Distinct(StringComparer.Ordinal).Select(port => Entry(ServerOutboxWork.DetachPort, port))];
        }

        var held = before.Addresses.Select(a => (NetworkId: a.NetworkId, Address: (string?)a.Address, a.PortId))
            .Concat(target.RequestedNetworks.Where(r => r.NetworkId is not null).Select(r => (NetworkId: r.NetworkId!, Address: r.FixedIp, r.PortId)));
        if (target.AutoAllocateNetwork && catalog.DefaultNetwork is { } network)
        {
            held = held.Append((network.Id, null, null));
        }

        var due = new List<ServerOutboxEntry>();
        foreach (var group in held.GroupBy(h => h.NetworkId, StringComparer.OrdinalIgnoreCase))
        {
            // The allocated address wins over a request: it names the block directly.
            var (networkId, address, portId) = group.FirstOrDefault(h => h.Address is not null) is { NetworkId: not null } known ? known : group.First();
            due.Add(Entry(ServerOutboxWork.ReleaseAddress, networkId) with { Address = address, PortId = portId });
        }

        return due;
    }

    /// <summary>
    /// Whether the server's addresses name every port it holds: its build ended (it was launched, and nothing
    /// requested is left to wire), no interface attach is in flight, and each address has its port. Then a delete
    /// detaches those ports directly; otherwise the network grain also looks for ports of the server it does not
    /// know (a build that stopped half-way): a scan of every port on the network, which grows with the network.
    /// </summary>
    private static bool PortsAllKnown(ServerSnapshot before, ServerState target) =>
        before.LaunchedAt is not null
        && target.RequestedNetworks.Count == 0
        && target.InterfaceIntent is null
        && before.Addresses.All(a => !string.IsNullOrEmpty(a.PortId));

    private ServerOutboxEntry Entry(ServerOutboxWork work, string target) =>
        new() { Id = Guid.NewGuid(), Work = work, Target = target, DueSince = clock.UtcNow };

    /// <summary>
    /// Before a commit that will make work due: the reminder exists first, so a silo that dies between the commit
    /// and the work still brings the grain back to it.
    /// </summary>
    private async Task ArmOutboxAsync()
    {
        _outboxReminderMayExist = true;
        _outboxReminder = await this.RegisterOrUpdateReminder(OutboxReminder, ReminderPeriod, ReminderPeriod);
    }

    /// <summary>On activation: what a previous activation left in the outbox runs again.</summary>
    private async Task ResumeOutboxAsync()
    {
        if (state.State.Outbox.Count == 0)
        {
            return;
        }

        try
        {
            await ArmOutboxAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The timer still retries while this activation lives; the next activation arms the reminder again.
            LogOutboxReminderFailed(logger, exception, Id);
        }

        _ = DrainOutboxAsync();
    }

    /// <summary>
    /// Runs the outbox until nothing more can be done now; never throws (the commit that made the work due has
    /// been answered already). One drain at a time: a caller that finds one running waits for it, then drains
    /// again, since its own entries may be newer than that drain's list.
    /// </summary>
    private async Task DrainOutboxAsync()
    {
        while (_draining is { } running)
        {
            await running;
        }

        var drain = DrainOnceAsync();
        _draining = drain;
        try
        {
            await drain;
        }
        finally
        {
            if (ReferenceEquals(_draining, drain))
            {
                _draining = null;
            }
        }
    }

    private async Task DrainOnceAsync()
    {
        var done = new HashSet<Guid>();
        // Lanes are different grains and independent: they run side by side (a delete's address, host and quota
        // releases in the time of the slowest, not of their sum); each lane keeps its order. All of it interleaves
        // on this activation's scheduler, so the set needs no lock.
        await Task.WhenAll(state.State.Outbox.ToList()
            .GroupBy(e => e.Lane(), StringComparer.Ordinal)
            .Select(lane => DrainLaneAsync(lane, done)));
        if (done.Count > 0)
        {
            await ForgetAsync(done);
        }

        if (state.State.Outbox.Count == 0)
        {
            _nextRetry = FirstRetry;
            _outboxTimer?.Dispose();
            _outboxTimer = null;
            await DisarmOutboxAsync();
            return;
        }

        RetryOutboxLater();
    }

    /// <summary>One lane in order; a failure holds up the rest of its lane until the next drain.</summary>
    private async Task DrainLaneAsync(IEnumerable<ServerOutboxEntry> lane, HashSet<Guid> done)
    {
        foreach (var entry in lane)
        {
            try
            {
                await RunOutboxEntryAsync(entry);
                done.Add(entry.Id);
            }
            catch (Exception exception)
            {
                LogOutboxEntryFailed(logger, exception, entry.Work, entry.Target, Id);
                return;
            }
        }
    }

    private Task RunOutboxEntryAsync(ServerOutboxEntry entry) => entry.Work switch
    {
        ServerOutboxWork.ReleaseHostClaim => GrainFactory.GetGrain<IHostGrain>(entry.Target).ReleaseAsync(entry.Consumer ?? HostClaim.ConsumerFor(Id)),
        ServerOutboxWork.ReleaseQuota => GrainFactory.GetGrain<IProjectGrain>(entry.Target).ReleaseServerAsync(Id),
        ServerOutboxWork.SettleQuota => GrainFactory.GetGrain<IProjectGrain>(entry.Target).SettleServerAsync(Id, entry.Vcpus, entry.RamMb),
        ServerOutboxWork.LeaveServerGroup => GrainFactory.GetGrain<IServerGroupGrain>(Guid.Parse(entry.Target)).RemoveMemberAsync(Id),
        ServerOutboxWork.ReleaseAddress => GrainFactory.GetGrain<INetworkGrain>(entry.Target).ReleaseAsync(Id, entry.Address, entry.PortId),
        ServerOutboxWork.DetachPort => GrainFactory.GetGrain<IPortGrain>(entry.Target).DetachAsync(Id),
        ServerOutboxWork.AdvanceMigration => GrainFactory.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key)
            .AdvanceAsync(Id, entry.MigrationTypes, entry.MigrationStatus!, entry.MigrationDestination, entry.DueSince),
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Work, "No such outbox work."),
    };

    /// <summary>Removes the entries that succeeded, under the commit gate; a failed write keeps them (they run again, harmlessly).</summary>
    private async Task ForgetAsync(HashSet<Guid> done)
    {
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            state.State.Outbox.RemoveAll(e => done.Contains(e.Id));
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogOutboxWriteFailed(logger, exception, Id);
            await TryReloadAsync();
        }
        finally
        {
            _commitGate.Release();
        }
    }

    private async Task TryReloadAsync()
    {
        try
        {
            await state.ReadStateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Memory keeps the entries as they were before the removal was tried: the next drain writes again.
            LogOutboxWriteFailed(logger, exception, Id);
        }
    }

    /// <summary>A grain timer with doubling backoff while the grain is active; the reminder covers the rest.</summary>
    private void RetryOutboxLater()
    {
        _outboxTimer?.Dispose();
        var due = _nextRetry;
        _nextRetry = TimeSpan.FromTicks(Math.Min(_nextRetry.Ticks * 2, LastRetry.Ticks));
        _outboxTimer = this.RegisterGrainTimer(
            _ => DrainOutboxAsync(),
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task DisarmOutboxAsync()
    {
        if (!_outboxReminderMayExist)
        {
            return;
        }

        try
        {
            await UnregisterOutboxReminderAsync();
            _outboxReminderMayExist = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A reminder left behind ticks once more, finds the outbox empty and goes.
            LogOutboxReminderFailed(logger, exception, Id);
        }
    }

    /// <summary>
    /// With the handle this activation registered, one delete of the row; a handle gone stale (the reminder was
    /// registered again elsewhere) or none (armed by an earlier activation) falls back to the lookup by name.
    /// </summary>
    private async Task UnregisterOutboxReminderAsync()
    {
        if (_outboxReminder is { } known)
        {
            _outboxReminder = null;
            try
            {
                await this.UnregisterReminder(known);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOutboxReminderFailed(logger, exception, Id);
            }
        }

        await CancelReminderAsync(OutboxReminder);
    }

    /// <summary>
    /// Before a step that claims resources again (restore, resize, unshelve): a release still pending from an
    /// earlier transition must not run after the new claim and undo it, so it runs first, or the step waits.
    /// </summary>
    private async Task EnsureOutboxEmptyAsync()
    {
        if (state.State.Outbox.Count == 0)
        {
            return;
        }

        await DrainOutboxAsync();
        if (state.State.Outbox.Count > 0)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is still releasing the resources of its last operation; try again later.");
        }
    }

    /// <summary>An outbox reminder tick: run what is left (the drain unregisters the reminder once it is empty).</summary>
    private Task OnOutboxReminderAsync()
    {
        _outboxReminderMayExist = true;
        return DrainOutboxAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox work {Work} on {Target} of server {ServerId} failed; it is retried")]
    private static partial void LogOutboxEntryFailed(ILogger logger, Exception exception, ServerOutboxWork work, string target, Guid serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the outbox of server {ServerId}; the done work runs again (it is idempotent)")]
    private static partial void LogOutboxWriteFailed(ILogger logger, Exception exception, Guid serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register or unregister the outbox reminder of server {ServerId}")]
    private static partial void LogOutboxReminderFailed(ILogger logger, Exception exception, Guid serverId);
}
