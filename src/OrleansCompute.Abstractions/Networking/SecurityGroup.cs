namespace OrleansCompute.Networking;

/// <summary>A security group with its rules; its grain is the single writer of both.</summary>
[GenerateSerializer, Immutable, Alias("compute.SecurityGroup")]
public sealed record SecurityGroup
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public string Description { get; init; } = "";
    [Id(4)] public IReadOnlyList<SecurityGroupRule> Rules { get; init; } = [];
    [Id(5)] public bool Stateful { get; init; } = true;
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(8)] public long RevisionNumber { get; init; }
    [Id(9)] public IReadOnlyList<string> Tags { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("compute.SecurityGroupRule")]
public sealed record SecurityGroupRule
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string SecurityGroupId { get; init; }
    [Id(2)] public required string ProjectId { get; init; }
    [Id(3)] public required string Direction { get; init; }
    [Id(4)] public string Ethertype { get; init; } = "IPv4";
    [Id(5)] public string? Protocol { get; init; }
    [Id(6)] public int? PortRangeMin { get; init; }
    [Id(7)] public int? PortRangeMax { get; init; }
    [Id(8)] public string? RemoteIpPrefix { get; init; }
    [Id(9)] public string? RemoteGroupId { get; init; }
    [Id(10)] public string Description { get; init; } = "";
    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(13)] public long RevisionNumber { get; init; }

    /// <summary>Two rules that allow the same traffic: Neutron refuses the second (409 SecurityGroupRuleExists).</summary>
    public bool SameTrafficAs(SecurityGroupRule other) =>
        Direction == other.Direction && Ethertype == other.Ethertype && Protocol == other.Protocol
        && PortRangeMin == other.PortRangeMin && PortRangeMax == other.PortRangeMax
        && RemoteIpPrefix == other.RemoteIpPrefix && RemoteGroupId == other.RemoteGroupId;
}
