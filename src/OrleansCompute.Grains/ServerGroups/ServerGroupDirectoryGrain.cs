namespace OrleansCompute.ServerGroups;

/// <summary>The ids of every server group, for the admin's all-projects list.</summary>
[GrainType("compute-server-group-directory")]
internal sealed class ServerGroupDirectoryGrain(
    [PersistentState("server-group-directory", ComputeStorage.ProviderName)] IPersistentState<ServerGroupDirectoryState> state) : Grain, IServerGroupDirectoryGrain
{
    public async Task AddAsync(Guid groupId)
    {
        if (state.State.GroupIds.Contains(groupId))
        {
            return;
        }

        state.State.GroupIds.Add(groupId);
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(Guid groupId)
    {
        if (state.State.GroupIds.Remove(groupId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> ListAsync() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.GroupIds]);
}
