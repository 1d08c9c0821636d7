using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;

namespace OrleansCompute.Quotas;

/// <summary>
/// One project's quota. Non-reentrant, so claims are checked and recorded one at a time: the last free slot
/// goes to exactly one of two concurrent creates. Claims are held per server id, which makes a repeated
/// claim or release harmless and keeps usage equal to the servers that hold a claim. What each server holds is
/// kept in memory (<see cref="ProjectUsageTally"/>), recounted from the server index on activation; only the
/// claims the index does not confirm yet are stored (<see cref="ProjectState.Servers"/>), so a claim's write does
/// not grow with the project (issue 19). The reconciler (<see cref="ReconcileAsync"/>, on activation and by a
/// reminder) recounts, and heals claims that outlived their server.
/// </summary>
[GrainType("compute-project")]
internal sealed partial class ProjectGrain(
    [PersistentState("project", ComputeStorage.ProviderName)] IPersistentState<ProjectState> state,
    IOptions<QuotaLimits> defaults,
    IServerIndex index,
    ComputeClock clock,
    IOptions<QuotaReconcileOptions> reconcile,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IRemindable
{
    private QuotaLimits Limits
    {
        get
        {
            var limits = Defaults;
            foreach (var (name, value) in state.State.Limits)
            {
                limits = limits.With(name, value);
            }

            return limits;
        }
    }

    public async Task<int> ClaimServersAsync(InstanceClaim claim)
    {
        await RefreshDefaultsAsync();
        var limits = Limits;
        CheckRequestLimits(claim, limits);

        var requested = claim.ServerIds;
        var (usedInstances, usedCores, usedRam) = _tally.Except(requested);

        var allowed = Math.Min(
            Headroom(limits.Instances, usedInstances, 1),
            Math.Min(Headroom(limits.Cores, usedCores, claim.Vcpus), Headroom(limits.Ram, usedRam, claim.RamMb)));
        var max = requested.Count;
        if (allowed < claim.MinCount)
        {
            throw QuotaExceeded(limits, claim, usedInstances, usedCores, usedRam);
        }

        var granted = (int)Math.Min(max, allowed);
        var added = new List<Guid>();
        for (var i = 0; i < granted; i++)
        {
            if (!_tally.TryGet(requested[i], out _) && !added.Contains(requested[i]))
            {
                added.Add(requested[i]);
            }
        }

        if (added.Count > 0)
        {
            var usage = new ServerQuotaUsage { Vcpus = claim.Vcpus, RamMb = claim.RamMb, ClaimedAt = clock.UtcNow };
            foreach (var serverId in added)
            {
                _tally.Set(serverId, usage);
                state.State.Servers[serverId] = usage;
            }

            await ForgetConfirmedClaimsAsync();
            await WriteAsync(undo: () => added.ForEach(id => _tally.Remove(id)));
        }

        return granted;
    }

    public async Task ResizeServerAsync(Guid serverId, int vcpus, int ramMb)
    {
        await RefreshDefaultsAsync();
        var limits = Limits;
        var (_, usedCores, usedRam) = _tally.Except([serverId]);
        var overs = new List<(string Name, long Requested, long Used, int Limit)>();
        if (!QuotaLimits.Fits(limits.Cores, usedCores, vcpus))
        {
            overs.Add(("cores", vcpus, usedCores, limits.Cores));
        }

        if (!QuotaLimits.Fits(limits.Ram, usedRam, ramMb))
        {
            overs.Add(("ram", ramMb, usedRam, limits.Ram));
        }

        if (overs.Count > 0)
        {
            throw QuotaMessage(overs);
        }

        await HoldAsync(serverId, _tally.TryGet(serverId, out var held) ? held with { Vcpus = vcpus, RamMb = ramMb } : new ServerQuotaUsage { Vcpus = vcpus, RamMb = ramMb, ClaimedAt = clock.UtcNow });
    }

    public async Task SettleServerAsync(Guid serverId, int vcpus, int ramMb)
    {
        if (_tally.TryGet(serverId, out var held) && (held.Vcpus != vcpus || held.RamMb != ramMb))
        {
            await HoldAsync(serverId, held with { Vcpus = vcpus, RamMb = ramMb });
        }
    }

    public async Task ReleaseServerAsync(Guid serverId)
    {
        var held = _tally.TryGet(serverId, out var usage);
        _tally.Remove(serverId);
        // A server the index confirmed has no stored claim: its release is the index no longer counting it (the
        // server's state is written before its outbox releases), so nothing is written here.
        if (state.State.Servers.Remove(serverId))
        {
            await WriteAsync(undo: () =>
            {
                if (held)
                {
                    _tally.Set(serverId, usage);
                }
            });
        }
    }

    /// <summary>A size the index does not show (yet): held in memory and recorded as an unconfirmed claim.</summary>
    private async Task HoldAsync(Guid serverId, ServerQuotaUsage usage)
    {
        var held = _tally.TryGet(serverId, out var before);
        _tally.Set(serverId, usage);
        state.State.Servers[serverId] = usage;
        await WriteAsync(undo: () =>
        {
            if (held)
            {
                _tally.Set(serverId, before);
            }
            else
            {
                _tally.Remove(serverId);
            }
        });
    }

    public async Task AddServerGroupAsync(Guid groupId)
    {
        if (state.State.ServerGroups.Contains(groupId))
        {
            return;
        }

        await RefreshDefaultsAsync();
        var limit = Limits.ServerGroups;
        if (!QuotaLimits.Fits(limit, state.State.ServerGroups.Count, 1))
        {
            throw ComputeFaultException.Forbidden("Quota exceeded, too many server groups.");
        }

        state.State.ServerGroups.Add(groupId);
        await WriteAsync();
    }

    public async Task RemoveServerGroupAsync(Guid groupId)
    {
        if (state.State.ServerGroups.Remove(groupId))
        {
            await WriteAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> GetServerGroupsAsync() => Task.FromResult<IReadOnlyList<Guid>>(state.State.ServerGroups.ToArray());

    public async Task<ProjectQuota> GetQuotaAsync()
    {
        await RefreshDefaultsAsync(always: true);
        return Quota();
    }

    public async Task<ProjectQuota> UpdateLimitsAsync(IReadOnlyDictionary<string, int> limits, bool force)
    {
        await RefreshDefaultsAsync(always: true);
        var usage = Quota().Usage;
        foreach (var (name, value) in limits)
        {
            var used = name switch
            {
                "instances" => usage.Instances,
                "cores" => usage.Cores,
                "ram" => usage.Ram,
                "server_groups" => usage.ServerGroups,
                _ => 0,
            };
            if (!force && value >= 0 && value < used)
            {
                throw ComputeFaultException.BadRequest(
                    string.Create(CultureInfo.InvariantCulture, $"Quota limit {value} for {name} must be greater than or equal to already used and reserved {used}."));
            }
        }

        foreach (var (name, value) in limits)
        {
            state.State.Limits[name] = value;
        }

        await WriteAsync();
        return Quota();
    }

    public async Task ResetLimitsAsync()
    {
        if (state.State.Limits.Count > 0)
        {
            state.State.Limits.Clear();
            await WriteAsync();
        }
    }

    private ProjectQuota Quota() => new()
    {
        Limits = Limits,
        Defaults = Defaults,
        Usage = new QuotaUsage
        {
            Instances = _tally.Instances,
            Cores = checked((int)_tally.Cores),
            Ram = checked((int)_tally.Ram),
            ServerGroups = state.State.ServerGroups.Count,
        },
    };

    /// <summary>The per-request limits Nova checks with the same project limits (all 403).</summary>
    private static void CheckRequestLimits(InstanceClaim claim, QuotaLimits limits)
    {
        if (!QuotaLimits.Fits(limits.MetadataItems, 0, claim.MetadataItems))
        {
            throw ComputeFaultException.Forbidden(string.Create(CultureInfo.InvariantCulture, $"Quota exceeded for metadata_items: Requested {claim.MetadataItems}, but already used 0 of {limits.MetadataItems} metadata_items"));
        }

        if (!QuotaLimits.Fits(limits.InjectedFiles, 0, claim.InjectedFiles))
        {
            throw ComputeFaultException.Forbidden("Personality file limit exceeded");
        }

        if (!QuotaLimits.Fits(limits.InjectedFilePathBytes, 0, claim.LongestInjectedFilePath))
        {
            throw ComputeFaultException.Forbidden(string.Create(CultureInfo.InvariantCulture, $"Personality file path exceeds maximum {limits.InjectedFilePathBytes}"));
        }

        if (!QuotaLimits.Fits(limits.InjectedFileContentBytes, 0, claim.LargestInjectedFileContent))
        {
            throw ComputeFaultException.Forbidden(string.Create(CultureInfo.InvariantCulture, $"Personality file content exceeds maximum {limits.InjectedFileContentBytes}"));
        }
    }

    private static long Headroom(int limit, long used, int perInstance)
    {
        if (limit < 0 || perInstance <= 0)
        {
            return long.MaxValue;
        }

        return Math.Max(0, (limit - used) / perInstance);
    }

    /// <summary>Nova's TooManyInstances: the resources the full request (max_count) goes over, in one message.</summary>
    private static ComputeFaultException QuotaExceeded(QuotaLimits limits, InstanceClaim claim, int usedInstances, long usedCores, long usedRam)
    {
        var max = claim.ServerIds.Count;
        var overs = new List<(string Name, string Requested, long Used, int Limit)>();
        if (!QuotaLimits.Fits(limits.Cores, usedCores, (long)max * claim.Vcpus))
        {
            overs.Add(("cores", ((long)max * claim.Vcpus).ToString(CultureInfo.InvariantCulture), usedCores, limits.Cores));
        }

        if (!QuotaLimits.Fits(limits.Instances, usedInstances, max))
        {
            var requested = claim.MinCount == max ? max.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{claim.MinCount}-{max}");
            overs.Add(("instances", requested, usedInstances, limits.Instances));
        }

        if (!QuotaLimits.Fits(limits.Ram, usedRam, (long)max * claim.RamMb))
        {
            overs.Add(("ram", ((long)max * claim.RamMb).ToString(CultureInfo.InvariantCulture), usedRam, limits.Ram));
        }

        return QuotaMessage(overs.Select(o => (o.Name, o.Requested, o.Used, o.Limit)).ToList());
    }

    private static ComputeFaultException QuotaMessage(List<(string Name, long Requested, long Used, int Limit)> overs) =>
        QuotaMessage(overs.Select(o => (o.Name, o.Requested.ToString(CultureInfo.InvariantCulture), o.Used, o.Limit)).ToList());

    private static ComputeFaultException QuotaMessage(List<(string Name, string Requested, long Used, int Limit)> overs)
    {
        var names = string.Join(", ", overs.Select(o => o.Name));
        var requested = string.Join(", ", overs.Select(o => o.Requested));
        var used = string.Join(", ", overs.Select(o => o.Used.ToString(CultureInfo.InvariantCulture)));
        var limits = string.Join(", ", overs.Select(o => o.Limit.ToString(CultureInfo.InvariantCulture)));
        return ComputeFaultException.Forbidden($"Quota exceeded for {names}: Requested {requested}, but already used {used} of {limits} {names}");
    }

    private Task WriteAsync() => WriteAsync(undo: () => { });

    private async Task WriteAsync(Action undo)
    {
        // A failed write must fail the call, and memory must not keep what storage did not: undo the change in the
        // tally and reload the stored claims (an ambiguous commit may have stored them after all: they count again).
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            await state.ReadStateAsync();
            foreach (var (serverId, usage) in state.State.Servers)
            {
                _tally.Set(serverId, usage);
            }

            throw;
        }
    }
}
