using Orleans.Concurrency;

namespace OrleansCompute.ServerGroups;

/// <summary>
/// Every server group of every project, in creation order: what an admin's <c>all_projects</c> list enumerates
/// (a project's own list reads its project grain). One grain for the whole cloud, keyed <see cref="Key"/>: groups
/// are created and deleted rarely, and no server create or show calls it. The endpoints add a group before creating
/// it and remove it after deleting it, so a list never misses one; an id whose group is gone is skipped by the reader.
/// </summary>
[Alias("compute.IServerGroupDirectoryGrain")]
public interface IServerGroupDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The one directory's key.</summary>
    public const long Key = 0;

    [Alias("Add")]
    Task AddAsync(Guid groupId);

    [Alias("Remove")]
    Task RemoveAsync(Guid groupId);

    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<Guid>> ListAsync();
}
