namespace OrleansCompute.Networking;

/// <summary>
/// One resource of the network service in its list index: enough columns to find a project's (and the public)
/// resources, and the resource itself as JSON so a list renders without calling grains.
/// </summary>
public sealed record NeutronIndexRow
{
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    /// <summary>The network of a subnet or port, the group of a rule, the port of a floating IP; empty otherwise.</summary>
    public string ParentId { get; init; } = "";
    /// <summary>Shared or external networks (and their subnets): every project sees them.</summary>
    public bool VisibleToAll { get; init; }
    public long Revision { get; init; }
    public required string Body { get; init; }
}

/// <summary>The rows of one kind: of one project (plus the public ones) or of all, optionally under one parent or with given ids.</summary>
public sealed record NeutronIndexQuery
{
    public required string Kind { get; init; }
    /// <summary>Null: every project (an admin's view).</summary>
    public string? ProjectId { get; init; }
    public string? ParentId { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
}

/// <summary>The kinds of resource the index holds.</summary>
public static class NeutronKinds
{
    public const string Network = "network";
    public const string Subnet = "subnet";
    public const string Port = "port";
    public const string SecurityGroup = "security_group";
    public const string SecurityGroupRule = "security_group_rule";
    public const string FloatingIp = "floatingip";
}
