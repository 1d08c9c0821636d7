namespace OrleansCompute.Networking;

/// <summary>A Neutron network as its grain keeps it; the API renders it in Neutron's shape.</summary>
[GenerateSerializer, Immutable, Alias("compute.NeutronNetwork")]
public sealed record NeutronNetwork
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string Description { get; init; } = "";
    [Id(4)] public bool AdminStateUp { get; init; } = true;
    [Id(5)] public bool Shared { get; init; }
    [Id(6)] public bool External { get; init; }
    [Id(7)] public int Mtu { get; init; } = 1500;
    [Id(8)] public bool PortSecurityEnabled { get; init; } = true;
    [Id(9)] public IReadOnlyList<string> Subnets { get; init; } = [];
    [Id(10)] public string Status { get; init; } = "ACTIVE";
    /// <summary>The network <c>networks: "auto"</c> attaches servers to (configured <c>IsDefault</c>, Neutron's <c>is_default</c>).</summary>
    [Id(11)] public bool IsDefault { get; init; }
    [Id(12)] public DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(14)] public long RevisionNumber { get; init; }
    [Id(15)] public IReadOnlyList<string> Tags { get; init; } = [];
}
