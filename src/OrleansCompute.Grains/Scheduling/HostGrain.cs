using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Catalog;
using OrleansCompute.Indexing;
using OrleansCompute.Quotas;

namespace OrleansCompute.Scheduling;

/// <summary>
/// One simulated hypervisor: its configured capacity times the allocation ratios, and the claims of the
/// servers placed on it. Claims for one batch land in one call and one write, all or none. The claims are kept in
/// memory (<see cref="HostClaimTally"/>), recounted from the server index on activation; only those the index does
/// not confirm yet are stored (<see cref="HostState.Claims"/>), so a claim's write does not grow with the host
/// (issue 19). Its reconciler (<c>HostGrain.Reconcile</c>) recounts, and heals claims that outlived their server.
/// </summary>
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

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        // A host registered through another silo a moment ago may not be in this silo's catalog yet: ask the registry.
        _host = catalog.FindRegisteredHost(name) ?? await RegisteredAsync(name)
            ?? throw new InvalidOperationException($"Host {name} is not registered.");
        // The tally must be whole before the first claim is answered: a claim against a partial count could overfill the host.
        await RecountAsync();
        // A timer, not a task: its turn does not interleave with the claims, so no two state writes overlap.
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
            if (_tally.Contains(claim.ConsumerId) || added.Any(a => a.ConsumerId == claim.ConsumerId))
            {
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
            state.State.Claims[claim.ConsumerId] = claim;
        }

        try
        {
            await ForgetConfirmedClaimsAsync();
            await state.WriteStateAsync();
        }
        catch
        {
            foreach (var claim in added)
            {
                _tally.Remove(claim.ConsumerId);
                state.State.Claims.Remove(claim.ConsumerId);
            }

            throw;
        }
        finally
        {
            Publish();
        }

        return true;
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
        if (!state.State.Claims.Remove(consumerId, out var released))
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not forget a claim storage still holds: a retried release would find nothing to write.
            state.State.Claims[consumerId] = released;
            _tally.Set(held);
            Publish();
            throw;
        }
    }

    public async Task<HostUsage> UpdateServiceAsync(HostServiceChange change)
    {
        var service = state.State;
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
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            Publish();
        }

        return Usage();
    }

    public async Task DeleteServiceAsync()
    {
        if (_tally.Consumers > 0)
        {
            throw Faults.ComputeFaultException.Conflict($"Unable to delete compute service that is hosting instances. Migrate or delete the instances first.");
        }

        state.State.ServiceDeleted = true;
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            Publish();
        }
    }

    public async Task SetZoneAsync(string? zone)
    {
        if (state.State.AggregateZone != zone)
        {
            state.State.AggregateZone = zone;
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                Publish();
            }
        }
    }

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
            AvailabilityZone = state.State.AggregateZone ?? _host.AvailabilityZone,
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
            Disabled = state.State.Disabled,
            DisabledReason = state.State.DisabledReason,
            ForcedDown = state.State.ForcedDown,
            ServiceDeleted = state.State.ServiceDeleted,
            ServiceUpdatedAt = state.State.ServiceUpdatedAt,
        };
    }
}
