using OrleansCompute.ServerGroups;

namespace OrleansCompute.Creation;

/// <summary>
/// Step 3: the members join their server group before they are placed, within the group's member limit (Nova's
/// 403), so the limit holds under racing creates. The scheduler records their hosts when it places them.
/// </summary>
internal static class GroupMembershipStep
{
    public static async Task JoinAsync(IGrainFactory grains, Guid groupId, IReadOnlyList<Guid> serverIds, int memberLimit)
    {
        if (!await grains.GetGrain<IServerGroupGrain>(groupId).AddMembersAsync(serverIds.ToDictionary(id => id, _ => (string?)null), memberLimit))
        {
            throw ServerGroupQuota.Exceeded();
        }
    }

    public static async Task LeaveAsync(IGrainFactory grains, Guid groupId, IEnumerable<Guid> serverIds)
    {
        var group = grains.GetGrain<IServerGroupGrain>(groupId);
        foreach (var serverId in serverIds)
        {
            await group.RemoveMemberAsync(serverId);
        }
    }
}
