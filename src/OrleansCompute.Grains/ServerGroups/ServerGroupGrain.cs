using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.ServerGroups;

/// <summary>
/// One server group and the arbiter of its policy: members join with their hosts in one turn, so racing
/// builds cannot both break a hard affinity or anti-affinity policy.
/// </summary>
[GrainType("compute-server-group")]
internal sealed class ServerGroupGrain(
    [PersistentState("server-group", ComputeStorage.ProviderName)] IPersistentState<ServerGroupState> state) : Grain, IServerGroupGrain
{
    public async Task CreateAsync(ServerGroup group)
    {
        if (state.State.Group is not null)
        {
            throw ComputeFaultException.Conflict($"Server group {group.Id} already exists.");
        }

        state.State.Group = group;
        await state.WriteStateAsync();
    }

    public Task<ServerGroup?> FindAsync(CallerContext caller)
    {
        var group = state.State.Group;
        return Task.FromResult(group is not null && caller.CanSee(group.ProjectId) ? group : null);
    }

    public async Task DeleteAsync(CallerContext caller)
    {
        var group = state.State.Group;
        if (group is null || !caller.CanSee(group.ProjectId))
        {
            throw ComputeFaultException.NotFound($"Instance group {this.GetPrimaryKey()} could not be found.");
        }

        await state.ClearStateAsync();
        state.State.Group = null;
    }

    public async Task<bool> AddMembersAsync(IReadOnlyDictionary<Guid, string?> placements, int memberLimit)
    {
        var group = state.State.Group;
        if (group is null)
        {
            return false;
        }

        var members = new Dictionary<Guid, string?>(group.Members);
        foreach (var (serverId, host) in placements)
        {
            members[serverId] = host;
        }

        if (memberLimit >= 0 && members.Count > memberLimit)
        {
            return false;
        }

        if (!ServerGroupPolicy.Allows(group, members))
        {
            return false;
        }

        state.State.Group = group with { Members = members };
        await state.WriteStateAsync();
        return true;
    }

    public async Task RemoveMemberAsync(Guid serverId)
    {
        var group = state.State.Group;
        if (group is null || !group.Members.ContainsKey(serverId))
        {
            return;
        }

        var members = new Dictionary<Guid, string?>(group.Members);
        members.Remove(serverId);
        state.State.Group = group with { Members = members };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not forget a member storage still holds: a retried removal would find nothing to write.
            state.State.Group = group;
            throw;
        }
    }
}
