using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Catalog;
using OrleansCompute.Indexing;
using OrleansCompute.Quotas;

namespace OrleansCompute.Scheduling;

/// <summary>
/// One simulated hypervisor: its configured capacity times the allocation ratios, and the claims of the
/// servers placed on it. Claims for one batch land in one call and one write, all or none. Its reconciler
/// (<c>HostGrain.Reconcile</c>) heals claims that outlived their server.
/// </summary>
[GrainType("compute-host")]
internal sealed partial class HostGrain(
    [PersistentState("host", ComputeStorage.ProviderName)] IPersistentState<HostState> state,
    ComputeCatalog catalog,
    IServerIndex index,
    ComputeClock clock,
    IOptions<QuotaReconcileOptions> reconcile,
    ILogger<HostGrain> logger) : Grain, IHostGrain, IRemindable
{
    private HostDefinition _host = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        // A host registered through another silo a moment ago may not be in this silo's catalog yet: ask the registry.
        _host = catalog.FindRegisteredHost(name) ?? await RegisteredAsync(name)
            ?? throw new InvalidOperationException($"Host {name} is not registered.");
        // A timer, not a task: its turn does not interleave with the claims, so no two state writes overlap.
        this.RegisterGrainTimer(
            _ => ReconcileSafelyAsync(ensureReminder: true),
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
            if (state.State.Claims.ContainsKey(claim.ConsumerId) || added.Any(a => a.ConsumerId == claim.ConsumerId))
            {
                continue;
            }

            if (!usage.Fits(claim.Vcpus, claim.RamMb, claim.DiskGb))
            {
                return false;
            }

            usage = usage.Plus(claim.Vcpus, claim.RamMb, claim.DiskGb);
            added.Add(claim);
        }

        if (added.Count == 0)
        {
            return true;
        }

        foreach (var claim in added)
        {
            state.State.Claims[claim.ConsumerId] = claim with { ClaimedAt = clock.UtcNow };
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            foreach (var claim in added)
            {
                state.State.Claims.Remove(claim.ConsumerId);
            }

            throw;
        }

        return true;
    }

    public async Task ReleaseAsync(string consumerId)
    {
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
        await state.WriteStateAsync();
        return Usage();
    }

    public async Task DeleteServiceAsync()
    {
        if (state.State.Claims.Count > 0)
        {
            throw Faults.ComputeFaultException.Conflict($"Unable to delete compute service that is hosting instances. Migrate or delete the instances first.");
        }

        state.State.ServiceDeleted = true;
        await state.WriteStateAsync();
    }

    public async Task SetZoneAsync(string? zone)
    {
        if (state.State.AggregateZone != zone)
        {
            state.State.AggregateZone = zone;
            await state.WriteStateAsync();
        }
    }

    public Task<HostUsage> GetUsageAsync() => Task.FromResult(Usage());

    private HostUsage Usage()
    {
        // A configuration reload may have given the registered host another capacity or ratios since activation.
        _host = catalog.FindRegisteredHost(_host.Name) ?? _host;
        var claims = state.State.Claims.Values;
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
            UsedVcpus = claims.Sum(c => c.Vcpus),
            UsedRamMb = claims.Sum(c => c.RamMb),
            UsedDiskGb = claims.Sum(c => c.DiskGb),
            Consumers = claims.Count,
            Servers = claims.Select(c => c.ConsumerId.Length >= 36 ? c.ConsumerId[..36] : c.ConsumerId).Distinct(StringComparer.Ordinal).Count(),
            Disabled = state.State.Disabled,
            DisabledReason = state.State.DisabledReason,
            ForcedDown = state.State.ForcedDown,
            ServiceDeleted = state.State.ServiceDeleted,
            ServiceUpdatedAt = state.State.ServiceUpdatedAt,
        };
    }
}
