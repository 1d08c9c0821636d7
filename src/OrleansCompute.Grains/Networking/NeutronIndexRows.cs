namespace OrleansCompute.Networking;

/// <summary>Each network resource as its index row.</summary>
internal static class NeutronIndexRows
{
    public static NeutronIndexRow For(NeutronNetwork network) => new()
    {
        Kind = NeutronKinds.Network, Id = network.Id, ProjectId = network.ProjectId,
        VisibleToAll = network.Shared || network.External, Revision = network.RevisionNumber, Body = NeutronJson.Write(network),
    };

    public static NeutronIndexRow For(NeutronSubnet subnet, NeutronNetwork network) => new()
    {
        Kind = NeutronKinds.Subnet, Id = subnet.Id, ProjectId = subnet.ProjectId, ParentId = subnet.NetworkId,
        VisibleToAll = network.Shared || network.External, Revision = subnet.RevisionNumber, Body = NeutronJson.Write(subnet),
    };

    public static NeutronIndexRow For(NeutronPort port) => new()
    {
        Kind = NeutronKinds.Port, Id = port.Id, ProjectId = port.ProjectId, ParentId = port.NetworkId,
        // A configured port belongs to no project: any project may boot with it.
        VisibleToAll = port.ProjectId.Length == 0, Revision = port.RevisionNumber, Body = NeutronJson.Write(port),
    };

    public static NeutronIndexRow For(SecurityGroup group) => new()
    {
        Kind = NeutronKinds.SecurityGroup, Id = group.Id, ProjectId = group.ProjectId, Revision = group.RevisionNumber, Body = NeutronJson.Write(group),
    };

    public static NeutronIndexRow For(SecurityGroupRule rule) => new()
    {
        Kind = NeutronKinds.SecurityGroupRule, Id = rule.Id, ProjectId = rule.ProjectId, ParentId = rule.SecurityGroupId,
        Revision = rule.RevisionNumber, Body = NeutronJson.Write(rule),
    };

    public static NeutronIndexRow For(FloatingIp floatingIp) => new()
    {
        Kind = NeutronKinds.FloatingIp, Id = floatingIp.Id, ProjectId = floatingIp.ProjectId, ParentId = floatingIp.PortId ?? "",
        Revision = floatingIp.RevisionNumber, Body = NeutronJson.Write(floatingIp),
    };
}
