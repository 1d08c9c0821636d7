using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Storage;

namespace OrleansCompute.Quotas;

/// <summary>
/// One project's quota. Claims are held per server id, which makes a repeated claim or release harmless and keeps
/// usage equal to the servers that hold a claim. What each server holds is kept in memory
/// (<see cref="ProjectUsageTally"/>), recounted from the server index on activation; only the claims the index does
/// not confirm yet are stored (<see cref="ProjectState.Servers"/>), so a claim's write does not grow with the project.
/// The reconciler (<see cref="ReconcileAsync"/>, on activation and by a reminder) recounts, and heals claims that
/// outlived their server.
/// <para>
/// Reentrant, so a project is not a serial lane (issue 19): each claim is checked and recorded in memory within one
/// turn, with no await between the check and the record, so the last free slot still goes to exactly one of two
/// concurrent creates; then it awaits a durable write that it shares with every claim made while the previous write
/// was in flight (<see cref="CoalescingStateWriter{T}"/>), and is answered after it. Everything the grain changes is
/// in <see cref="_live"/>; storage is handed a copy at each write.
/// </para>
/// </summary>
[Reentrant]
[GrainType("compute-project")]
internal sealed partial class ProjectGrain(
    [PersistentState("project", ComputeStorage.ProviderName)] IPersistentState<ProjectState> state,
    IOptions<QuotaLimits> defaults,
    IServerIndex index,
    ComputeClock clock,
    IOptions<QuotaReconcileOptions> reconcile,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IRemindable
{
    private ProjectState _live = new();
    private CoalescingStateWriter<ProjectState>? _writer;

    private QuotaLimits Limits
    {
        get
        {
            var limits = Defaults;
            foreach (var (name, value) in _live.Limits)
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
        var recorded = new List<Guid>();
        for (var i = 0; i < granted; i++)
        {
            // A server held by a claim not yet confirmed is recorded again (same size, a new record): should the write
            // of the earlier claim fail, its undo then leaves this one's record alone.
            var id = requested[i];
            if ((!_tally.TryGet(id, out _) || _live.Servers.ContainsKey(id)) && !recorded.Contains(id))
            {
                recorded.Add(id);
            }
        }

        if (recorded.Count > 0)
        {
            var records = new List<(Guid Id, ServerQuotaUsage Usage)>(recorded.Count);
            foreach (var serverId in recorded)
            {
                var usage = _live.Servers.TryGetValue(serverId, out var earlier)
                    ? earlier with { }
                    : new ServerQuotaUsage { Vcpus = claim.Vcpus, RamMb = claim.RamMb, ClaimedAt = clock.UtcNow };
                _tally.Set(serverId, usage);
                _live.Servers[serverId] = usage;
                records.Add((serverId, usage));
            }

            await ForgetConfirmedClaimsAsync();
            await Writer.WriteAsync(undo: () => records.ForEach(r => Unrecord(r.Id, r.Usage)));
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
        _tally.Remove(serverId);
        // A server the index confirmed has no stored claim: its release is the index no longer counting it (the
        // server's state is written before its outbox releases), so nothing is written here. A failed write keeps
        // the release in memory: the next write stores it, and the caller (the server's outbox) asks again anyway.
        if (_live.Servers.Remove(serverId))
        {
            await Writer.WriteAsync(undo: () => { });
        }
    }

    /// <summary>A size the index does not show (yet): held in memory and recorded as an unconfirmed claim.</summary>
    private async Task HoldAsync(Guid serverId, ServerQuotaUsage usage)
    {
        var held = _tally.TryGet(serverId, out var before);
        var stored = _live.Servers.TryGetValue(serverId, out var storedBefore);
        _tally.Set(serverId, usage);
        _live.Servers[serverId] = usage;
        await Writer.WriteAsync(undo: () =>
        {
            // Only while nothing has changed the server's record since (a later claim, a release, a recount).
            if (!_tally.TryGet(serverId, out var now) || !ReferenceEquals(now, usage))
            {
                return;
            }

            Unrecord(serverId, usage);
            if (held)
            {
                _tally.Set(serverId, before);
            }

            if (stored)
            {
                _live.Servers[serverId] = storedBefore!;
            }
        });
    }

    /// <summary>Takes back a record whose write failed, unless something changed the server's record since.</summary>
    private void Unrecord(Guid serverId, ServerQuotaUsage usage)
    {
        if (_tally.TryGet(serverId, out var now) && ReferenceEquals(now, usage))
        {
            _tally.Remove(serverId);
        }

        if (_live.Servers.TryGetValue(serverId, out var record) && ReferenceEquals(record, usage))
        {
            _live.Servers.Remove(serverId);
        }
    }

    public async Task AddServerGroupAsync(Guid groupId)
    {
        await RefreshDefaultsAsync();
        if (_live.ServerGroups.Contains(groupId))
        {
            return;
        }

        var limit = Limits.ServerGroups;
        if (!QuotaLimits.Fits(limit, _live.ServerGroups.Count, 1))
        {
            throw ComputeFaultException.Forbidden("Quota exceeded, too many server groups.");
        }

        _live.ServerGroups.Add(groupId);
        await Writer.WriteAsync(undo: () => _live.ServerGroups.Remove(groupId));
    }

    public async Task RemoveServerGroupAsync(Guid groupId)
    {
        if (_live.ServerGroups.Remove(groupId))
        {
            await Writer.WriteAsync(undo: () => { });
        }
    }

    public Task<IReadOnlyList<Guid>> GetServerGroupsAsync() => Task.FromResult<IReadOnlyList<Guid>>(_live.ServerGroups.ToArray());

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

        var before = new Dictionary<string, int>(_live.Limits, StringComparer.Ordinal);
        foreach (var (name, value) in limits)
        {
            _live.Limits[name] = value;
        }

        await Writer.WriteAsync(undo: () => RestoreLimits(before));
        return Quota();
    }

    public async Task ResetLimitsAsync()
    {
        if (_live.Limits.Count > 0)
        {
            var before = new Dictionary<string, int>(_live.Limits, StringComparer.Ordinal);
            _live.Limits.Clear();
            await Writer.WriteAsync(undo: () => RestoreLimits(before));
        }
    }

    /// <summary>An operator's limits whose write failed: the ones before them apply again.</summary>
    private void RestoreLimits(Dictionary<string, int> before)
    {
        _live.Limits.Clear();
        foreach (var (name, value) in before)
        {
            _live.Limits[name] = value;
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
            ServerGroups = _live.ServerGroups.Count,
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

    private CoalescingStateWriter<ProjectState> Writer => _writer ??= new CoalescingStateWriter<ProjectState>(state, Snapshot, DeactivateOnIdle);

    /// <summary>What storage is handed to write: a copy, so the turns that run during the write do not change it.</summary>
    private ProjectState Snapshot() => new()
    {
        Limits = new Dictionary<string, int>(_live.Limits, StringComparer.Ordinal),
        Servers = new Dictionary<Guid, ServerQuotaUsage>(_live.Servers),
        ServerGroups = [.. _live.ServerGroups],
    };
}
