namespace OrleansCompute.Quotas;

/// <summary>
/// What each server of a project holds, in memory, with the running totals, so a claim costs O(1) whatever the
/// project's size. Built on activation from the server index and the project's stored unconfirmed claims
/// (<see cref="ProjectState.Servers"/>); never stored as a whole.
/// </summary>
internal sealed class ProjectUsageTally
{
    private readonly Dictionary<Guid, ServerQuotaUsage> _held = [];

    public int Instances => _held.Count;

    public long Cores { get; private set; }

    public long Ram { get; private set; }

    public IReadOnlyCollection<Guid> Servers => _held.Keys;

    public bool TryGet(Guid serverId, out ServerQuotaUsage usage) => _held.TryGetValue(serverId, out usage!);

    /// <summary>Records (or resizes) what a server holds.</summary>
    public void Set(Guid serverId, ServerQuotaUsage usage)
    {
        Remove(serverId);
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

    public void Clear()
    {
        _held.Clear();
        Cores = 0;
        Ram = 0;
    }
}
