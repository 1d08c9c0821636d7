using OrleansCompute.Tallies;

namespace OrleansCompute.Quotas;

/// <summary>
/// What each server of a project holds, in memory, with the running totals, so a claim costs O(1) whatever the
/// project's size. Built on activation from the server index and the project's stored unconfirmed claims
/// (<see cref="ProjectState.Servers"/>); never stored as a whole.
/// </summary>
internal sealed class ProjectUsageTally : RecountableTally<Guid, ServerQuotaUsage>
{
    public int Instances => Count;

    public long Cores { get; private set; }

    public long Ram { get; private set; }

    public IReadOnlyCollection<Guid> Servers => Keys;

    /// <summary>Records (or resizes) what a server holds.</summary>
    public void Set(Guid serverId, ServerQuotaUsage usage) => Hold(serverId, usage);

    /// <summary>The totals without the given servers (a repeated claim does not count against itself).</summary>
    public (int Instances, long Cores, long Ram) Except(IEnumerable<Guid> serverIds)
    {
        var (instances, cores, ram) = (Instances, Cores, Ram);
        foreach (var serverId in serverIds.Distinct())
        {
            if (TryGet(serverId, out var usage))
            {
                instances--;
                cores -= usage.Vcpus;
                ram -= usage.RamMb;
            }
        }

        return (instances, cores, ram);
    }

    /// <summary>Ends a recount with what the index counted plus the project's unconfirmed claims.</summary>
    public void EndRecount(IEnumerable<KeyValuePair<Guid, ServerQuotaUsage>> counted, IEnumerable<KeyValuePair<Guid, ServerQuotaUsage>> unconfirmed) =>
        EndRecount(counted.Concat(unconfirmed));

    protected override void OnAdded(Guid serverId, ServerQuotaUsage usage)
    {
        Cores += usage.Vcpus;
        Ram += usage.RamMb;
    }

    protected override void OnRemoved(Guid serverId, ServerQuotaUsage usage)
    {
        Cores -= usage.Vcpus;
        Ram -= usage.RamMb;
    }

    protected override void OnCleared() => (Cores, Ram) = (0, 0);
}
