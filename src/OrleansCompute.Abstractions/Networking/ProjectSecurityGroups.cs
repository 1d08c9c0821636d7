using OrleansCompute.Catalog;

namespace OrleansCompute.Networking;

/// <summary>
/// A project's security groups from the index, after making sure its <c>default</c> group exists (Neutron makes it
/// on the project's first use). The default group's id comes from the project's id, so every silo makes the same one.
/// </summary>
public static class ProjectSecurityGroups
{
    public static async Task<IReadOnlyList<SecurityGroup>> ListAsync(IGrainFactory grains, INeutronIndex index, string projectId, ComputeCatalog? catalog = null)
    {
        await EnsureAsync(grains, projectId, catalog);
        var rows = await index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.SecurityGroup, ProjectId = projectId });
        return rows.Where(r => r.ProjectId == projectId).Select(r => NeutronJson.Read<SecurityGroup>(r.Body)).ToList();
    }

    /// <summary>Makes the project's default group, and the configured ones, if they do not exist yet. Cheap once they do.</summary>
    public static async Task EnsureAsync(IGrainFactory grains, string projectId, ComputeCatalog? catalog = null)
    {
        if (projectId.Length == 0)
        {
            return;
        }

        await EnsureOneAsync(grains, NeutronIds.DefaultSecurityGroup(projectId), () => SecurityGroupDefaults.Default(projectId));
        foreach (var name in (catalog?.SecurityGroupNames ?? []).Where(n => n != SecurityGroupDefaults.DefaultName))
        {
            await EnsureOneAsync(grains, NeutronIds.ConfiguredSecurityGroup(projectId, name), () => SecurityGroupDefaults.Configured(projectId, name));
        }
    }

    /// <summary>
    /// Asks first (a read that interleaves with the other creates' asks, answering a bool instead of the group and
    /// its rules) and creates only when missing; two racing creates both creating is harmless (the second gets the
    /// first's group).
    /// </summary>
    private static async Task EnsureOneAsync(IGrainFactory grains, string groupId, Func<SecurityGroup> group)
    {
        var grain = grains.GetGrain<ISecurityGroupGrain>(groupId);
        if (!await grain.ExistsAsync())
        {
            await grain.CreateAsync(group());
        }
    }
}
