namespace OrleansCompute.Networking;

/// <summary>
/// The groups every project has: Neutron's <c>default</c> (egress open, ingress from its own members), made on the
/// project's first use, and the names configured in <c>Compute:Catalog:SecurityGroups</c> (empty rule sets).
/// </summary>
public static class SecurityGroupDefaults
{
    public const string DefaultName = "default";

    public static SecurityGroup Default(string projectId)
    {
        var id = NeutronIds.DefaultSecurityGroup(projectId);
        SecurityGroupRule Rule(string direction, string ethertype) => new()
        {
            Id = NeutronIds.DefaultSecurityGroup($"{projectId}/{direction}/{ethertype}"),
            SecurityGroupId = id,
            ProjectId = projectId,
            Direction = direction,
            Ethertype = ethertype,
            RemoteGroupId = direction == "ingress" ? id : null,
        };

        return new SecurityGroup
        {
            Id = id,
            ProjectId = projectId,
            Name = DefaultName,
            Description = "Default security group",
            Rules = [Rule("egress", "IPv4"), Rule("egress", "IPv6"), Rule("ingress", "IPv4"), Rule("ingress", "IPv6")],
        };
    }

    public static SecurityGroup Configured(string projectId, string name) => new()
    {
        Id = NeutronIds.ConfiguredSecurityGroup(projectId, name),
        ProjectId = projectId,
        Name = name,
    };
}
