using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansCompute.Catalog;
using OrleansCompute.Indexing;
using OrleansCompute.Storage;
using OrleansCompute.Quotas;

namespace OrleansCompute.Scheduling;

/// <summary>
/// One simulated hypervisor: its configured capacity times the allocation ratios, and the claims of the
/// servers placed on it. Claims for one batch land in one call and one write, all or none. The claims are kept in
/// memory (<see cref="HostClaimTally"/>), recounted from the server index on activation; only those the index does
/// not confirm yet are stored (<see cref="HostState.Claims"/>), so a claim's write does not grow with the host
/// (issue 19). Its reconciler (<c>HostGrain.Reconcile</c>) recounts, and heals claims that outlived their server.
/// <para>
/// Reentrant, as the project grain, so a host is not a serial lane: a batch's claims are checked against the
/// capacity and recorded in memory within one turn (no await between, so the last free place goes to exactly one
/// of two racing builds), then share a durable write with the claims made while the previous write was in flight
/// (<see cref="CoalescingStateWriter{T}"/>). Everything the grain changes is in <see cref="_live"/>; storage is
/// handed a copy at each write.
/// </para>
/// </summary>
[Reentrant]
[GrainType("compute-host")]
internal sealed partial class HostGrain(
    [PersistentState("host", ComputeStorage.ProviderName)] IPersistentState<HostState> state,
    ComputeCatalog catalog,
    IServerIndex index,
    ComputeClock clock,
    IOptions<QuotaReconcileOptions> reconcile,
    HostUsageView view,
    ILogger<HostGrain> logger) : Grain, IHostGrain, IRemindable
{
    private HostDefinition _host = null!;
    private HostState _live = new();
    private CoalescingStateWriter<HostState>? _writer;

    private CoalescingStateWriter<HostState> Writer => _writer ??= new CoalescingStateWriter<HostState>(state, Snapshot, DeactivateOnIdle);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State;
        var name = this.GetPrimaryKeyString();
        // A host registered through another silo a moment ago may not be in this silo's catalog yet: ask the registry.
        _host = catalog.FindRegisteredHost(name) ?? await RegisteredAsync(name)
            ?? throw new InvalidOperationException($"Host {name} is not registered.");
        // The tally must be whole before the first claim is answered: a claim against a partial count could overfill the host.
        await RecountAsync();
        // After activation, on a timer: the reminder's registration must not hold up the activation.
        this.RegisterGrainTimer(
            _ => EnsureReminderSafelyAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task<HostDefinition?> RegisteredAsync(string name)
    {
        var registered = await GrainFactory.GetGrain<IHostRegistryGrain>(IHostRegistryGrain.Key).GetAsync();
        catalog.UseHosts(registered.Version, registered.Hosts);
        return catalog.FindRegisteredHost(name);
    }

    public async Task<bool> ClaimAsync(IReadOnlyList<HostClaim> claims)
    {
        var usage = Usage();
        var added = new List<HostClaim>();
        foreach (var claim in claims)
        {
            if (added.Any(a => a.ConsumerId == claim.ConsumerId))
            {
                continue;
            }

            if (_tally.Contains(claim.ConsumerId))
            {
                // Held already. One not confirmed yet is recorded again (same claim, a new record): should the write
                // of the earlier claim fail, its undo then leaves this one's record alone.
                if (_live.Claims.TryGetValue(claim.ConsumerId, out var pending))
                {
                    added.Add(pending with { });
                }

                continue;
            }

            if (!usage.Fits(claim.Vcpus, claim.RamMb, claim.DiskGb))
            {
                return false;
            }

            usage = usage.Plus(claim.Vcpus, claim.RamMb, claim.DiskGb);
            added.Add(claim with { ClaimedAt = clock.UtcNow });
        }

        if (added.Count == 0)
        {
            return true;
        }

        foreach (var claim in added)
        {
            _tally.Set(claim);
            _live.Claims[claim.ConsumerId] = claim;
        }

        Publish();
        await ForgetConfirmedClaimsAsync();
        await Writer.WriteAsync(undo: () =>
        {
            added.ForEach(Unrecord);
            Publish();
        });
        return true;
    }

    /// <summary>Takes back a claim whose write failed, unless something changed the consumer's claim since.</summary>
    private void Unrecord(HostClaim claim)
    {
        if (_tally.TryGet(claim.ConsumerId, out var now) && ReferenceEquals(now, claim))
        {
            _tally.Remove(claim.ConsumerId);
        }

        if (_live.Claims.TryGetValue(claim.ConsumerId, out var record) && ReferenceEquals(record, claim))
        {
            _live.Claims.Remove(claim.ConsumerId);
        }
    }

    public async Task ReleaseAsync(string consumerId)
    {
        if (!_tally.TryGet(consumerId, out var held))
        {
            return;
        }

        _tally.Remove(consumerId);
        Publish();
        // A claim the index confirmed is not stored: its release is the index no longer showing the server here
        // (the server's state is written before its outbox releases), so nothing is written.
        if (!_live.Claims.Remove(consumerId, out var released))
        {
            return;
        }

        await Writer.WriteAsync(undo: () =>
        {
            // Memory must not forget a claim storage may still hold: a retried release would find nothing to write.
            if (!_tally.Contains(consumerId))
            {
                _tally.Set(held);
                _live.Claims[consumerId] = released;
                Publish();
            }
        });
    }

    public async Task<HostUsage> UpdateServiceAsync(HostServiceChange change)
    {
        var service = _live;
        if (change.Disabled is { } disabled)
        {
            service.Disabled = disabled;
            service.DisabledReason = disabled ? change.DisabledReason : null;
        }

        if (change.ForcedDown is { } forcedDown)
        {
            service.ForcedDown = forcedDown;
        }

        // A nova-compute that comes back (an update names it) has a service record again.
        service.ServiceDeleted = false;
        service.ServiceUpdatedAt = change.At;
        Publish();
        await Writer.WriteAsync(undo: () => { });
        return Usage();
    }

    public async Task DeleteServiceAsync()
    {
        if (_tally.Consumers > 0)
        {
            throw Faults.ComputeFaultException.Conflict($"Unable to delete compute service that is hosting instances. Migrate or delete the instances first.");
        }

        _live.ServiceDeleted = true;
        Publish();
        await Writer.WriteAsync(undo: () => { });
    }

    public async Task SetZoneAsync(string? zone)
    {
        if (_live.AggregateZone != zone)
        {
            _live.AggregateZone = zone;
            Publish();
            await Writer.WriteAsync(undo: () => { });
        }
    }

    /// <summary>What storage is handed to write: a copy, so the turns that run during the write do not change it.</summary>
    private HostState Snapshot() => new()
    {
        Claims = new Dictionary<string, HostClaim>(_live.Claims, StringComparer.Ordinal),
        Disabled = _live.Disabled,
        DisabledReason = _live.DisabledReason,
        ForcedDown = _live.ForcedDown,
        ServiceDeleted = _live.ServiceDeleted,
        ServiceUpdatedAt = _live.ServiceUpdatedAt,
        AggregateZone = _live.AggregateZone,
    };

    public Task<HostUsage> GetUsageAsync() => Task.FromResult(Usage());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Another silo may activate this host next: this silo's schedulers must ask it again.
        view.Withdraw(_host.Name);
        return Task.CompletedTask;
    }

    /// <summary>Tells this silo's schedulers the usage after every change (<see cref="HostUsageView"/>).</summary>
    private void Publish() => view.Publish(Usage());

    private HostUsage Usage()
    {
        // A configuration reload may have given the registered host another capacity or ratios since activation.
        _host = catalog.FindRegisteredHost(_host.Name) ?? _host;
        return new HostUsage
        {
            Host = _host.Name,
            Node = _host.Name,
            AvailabilityZone = _live.AggregateZone ?? _host.AvailabilityZone,
            HostIp = _host.HostIp,
            TotalVcpus = _host.Vcpus,
            TotalRamMb = _host.RamMb,
            TotalDiskGb = _host.DiskGb,
            CpuAllocationRatio = _host.CpuAllocationRatio,
            RamAllocationRatio = _host.RamAllocationRatio,
            DiskAllocationRatio = _host.DiskAllocationRatio,
            UsedVcpus = _tally.Vcpus,
            UsedRamMb = _tally.RamMb,
            UsedDiskGb = _tally.DiskGb,
            Consumers = _tally.Consumers,
            Servers = _tally.Servers,
            Disabled = _live.Disabled,
            DisabledReason = _live.DisabledReason,
            ForcedDown = _live.ForcedDown,
            ServiceDeleted = _live.ServiceDeleted,
            ServiceUpdatedAt = _live.ServiceUpdatedAt,
        };
    }
}
