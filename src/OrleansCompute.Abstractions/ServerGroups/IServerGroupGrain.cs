using Orleans.Concurrency;
using OrleansCompute.Identity;

namespace OrleansCompute.ServerGroups;

/// <summary>
/// One server group, keyed by its uuid. It is the arbiter of its policy: members join with their hosts in one
/// call, which fails when a hard policy or the member quota would be broken, so two racing builds cannot both
/// break anti-affinity.
/// </summary>
[Alias("compute.IServerGroupGrain")]
public interface IServerGroupGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task CreateAsync(ServerGroup group);

    /// <summary>The group as the caller may see it; null when it does not exist or is another project's.</summary>
    [Alias("Find")]
    [ReadOnly]
    Task<ServerGroup?> FindAsync(CallerContext caller);

    [Alias("Delete")]
    Task DeleteAsync(CallerContext caller);

    /// <summary>
    /// Adds members placed on the given hosts (null: not placed yet, as a create records its member before
    /// scheduling); false when a hard policy would be broken (the scheduler then tries again) or when the group
    /// would go over <paramref name="memberLimit"/> (-1: no limit).
    /// </summary>
    [Alias("AddMembers")]
    Task<bool> AddMembersAsync(IReadOnlyDictionary<Guid, string?> placements, int memberLimit);

    [Alias("RemoveMember")]
    Task RemoveMemberAsync(Guid serverId);
}
