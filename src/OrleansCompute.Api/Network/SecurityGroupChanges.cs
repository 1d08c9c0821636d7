using OrleansCompute.Identity;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// Making and removing a security group as Neutron does, for its own route and Nova's proxy alike: a new group
/// gets the rules that let all traffic out; the default group cannot be made twice nor removed by its project, and
/// a group a port still uses stays.
/// </summary>
internal static class SecurityGroupChanges
{
    public static async Task<SecurityGroup> CreateAsync(NetworkService service, string projectId, string name, string description, bool stateful = true)
    {
        if (name == SecurityGroupDefaults.DefaultName)
        {
            throw NeutronFaultException.Conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        }

        await ProjectSecurityGroups.EnsureAsync(service.Grains, projectId, service.Catalog);
        var id = NeutronIds.NewId();
        SecurityGroupRule Egress(string ethertype) => new()
        {
            Id = NeutronIds.NewId(), SecurityGroupId = id, ProjectId = projectId, Direction = "egress", Ethertype = ethertype,
        };
        var group = new SecurityGroup
        {
            Id = id,
            ProjectId = projectId,
            Name = name,
            Description = description,
            Stateful = stateful,
            Rules = [Egress("IPv4"), Egress("IPv6")],
        };
        return await service.Grains.GetGrain<ISecurityGroupGrain>(id).CreateAsync(group);
    }

    public static async Task DeleteAsync(NetworkService service, SecurityGroup group, CallerContext caller)
    {
        if (group.Name == SecurityGroupDefaults.DefaultName && !caller.IsAdmin)
        {
            throw NeutronFaultException.Conflict("SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.");
        }

        var ports = await service.Index.QueryAsync(new NeutronIndexQuery { Kind = NeutronKinds.Port, ProjectId = group.ProjectId });
        if (ports.Select(r => NeutronJson.Read<NeutronPort>(r.Body)).Any(p => p.SecurityGroups.Contains(group.Id)))
        {
            throw NeutronFaultException.Conflict("SecurityGroupInUse", $"Security Group {group.Id} in use.");
        }

        await service.Grains.GetGrain<ISecurityGroupGrain>(group.Id).DeleteAsync();
    }
}
