namespace OrleansCompute.Quotas;

/// <summary>
/// What each server of a project holds, in memory, with the running totals, so a claim costs O(1) whatever the
/// project's size. Built on activation from the server index and the project's stored unconfirmed claims
/// (<see cref="ProjectState.Servers"/>); never stored as a whole.
/// </summary>
internal sealed class ProjectUsageTally
{
    private readonly Dictionary<Guid, ServerQuotaUsage> _held = [];

    /// <summary>The servers whose holding changed while a recount read the index; null when no recount runs.</summary>
    private HashSet<Guid>? _changedDuringRecount;

    public int Instances => _held.Count;

    public long Cores { get; private set; }

    public long Ram { get; private set; }

    public IReadOnlyCollection<Guid> Servers => _held.Keys;

    public bool TryGet(Guid serverId, out ServerQuotaUsage usage) => _held.TryGetValue(serverId, out usage!);

    /// <summary>Records (or resizes) what a server holds.</summary>
    public void Set(Guid serverId, ServerQuotaUsage usage)
    {
        Remove(serverId);
        _changedDuringRecount?.Add(serverId);
        _held[serverId] = usage;
        Cores += usage.Vcpus;
        Ram += usage.RamMb;
    }

    public bool Remove(Guid serverId)
    {
        if (!_held.Remove(serverId, out var usage))
        {
            return false;
        }

        _changedDuringRecount?.Add(serverId);
        Cores -= usage.Vcpus;
        Ram -= usage.RamMb;
        return true;
    }

    /// <summary>The totals without the given servers (a repeated claim does not count against itself).</summary>
    public (int Instances, long Cores, long Ram) Except(IEnumerable<Guid> serverIds)
    {
        var (instances, cores, ram) = (Instances, Cores, Ram);
        foreach (var serverId in serverIds.Distinct())
        {
            if (_held.TryGetValue(serverId, out var usage))
            {
                instances--;
                cores -= usage.Vcpus;
                ram -= usage.RamMb;
            }
        }

        return (instances, cores, ram);
    }

    /// <summary>
    /// A recount reads the index while claims and releases go on (the project grain is reentrant): from here on the
    /// servers they change are remembered, so the recount's result does not overwrite them with what it read before.
    /// </summary>
    public void StartRecount() => _changedDuringRecount = [];

    /// <summary>Whether a claim or release changed the server since the recount started (the recount leaves it be).</summary>
    public bool ChangedDuringRecount(Guid serverId) => _changedDuringRecount?.Contains(serverId) == true;

    /// <summary>
    /// Ends a recount: the tally becomes what the index counted plus the unconfirmed claims, except for the servers
    /// changed since the recount started, which keep what they hold now.
    /// </summary>
    public void EndRecount(IEnumerable<KeyValuePair<Guid, ServerQuotaUsage>> counted, IEnumerable<KeyValuePair<Guid, ServerQuotaUsage>> unconfirmed)
    {
        var changed = _changedDuringRecount ?? [];
        var now = changed.ToDictionary(id => id, id => _held.GetValueOrDefault(id));
        _changedDuringRecount = null;
        _held.Clear();
        Cores = 0;
        Ram = 0;
        foreach (var (serverId, usage) in counted.Concat(unconfirmed))
        {
            Set(serverId, usage);
        }

        foreach (var (serverId, usage) in now)
        {
            if (usage is null)
            {
                Remove(serverId);
            }
            else
            {
                Set(serverId, usage);
            }
        }
    }

    /// <summary>A recount that failed leaves the tally as the claims and releases made it.</summary>
    public void AbandonRecount() => _changedDuringRecount = null;
}
