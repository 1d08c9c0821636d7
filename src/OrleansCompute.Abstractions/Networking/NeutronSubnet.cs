namespace OrleansCompute.Networking;

/// <summary>A subnet of a network; its network's grain owns it and hands out its addresses.</summary>
[GenerateSerializer, Immutable, Alias("compute.NeutronSubnet")]
public sealed record NeutronSubnet
{
    /// <summary>A create that did not name its gateway: the subnet's grain puts the CIDR's first address.</summary>
    public const string DefaultGateway = "default";

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string NetworkId { get; init; }
    [Id(2)] public required string ProjectId { get; init; }
    [Id(3)] public string Name { get; init; } = "";
    [Id(4)] public string Description { get; init; } = "";
    [Id(5)] public required int IpVersion { get; init; }
    [Id(6)] public required string Cidr { get; init; }
    /// <summary>Null: no gateway. <see cref="DefaultGateway"/> on a create: the first address of the CIDR.</summary>
    [Id(7)] public string? GatewayIp { get; init; }
    /// <summary>Empty on a create: the usable range without the gateway.</summary>
    [Id(8)] public IReadOnlyList<AllocationPool> AllocationPools { get; init; } = [];
    [Id(9)] public IReadOnlyList<string> DnsNameservers { get; init; } = [];
    [Id(10)] public IReadOnlyList<HostRoute> HostRoutes { get; init; } = [];
    [Id(11)] public bool EnableDhcp { get; init; } = true;
    [Id(12)] public string? Ipv6RaMode { get; init; }
    [Id(13)] public string? Ipv6AddressMode { get; init; }
    [Id(14)] public DateTimeOffset CreatedAt { get; init; }
    [Id(15)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(16)] public long RevisionNumber { get; init; }
    [Id(17)] public IReadOnlyList<string> Tags { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("compute.AllocationPool")]
public sealed record AllocationPool([property: Id(0)] string Start, [property: Id(1)] string End);

[GenerateSerializer, Immutable, Alias("compute.HostRoute")]
public sealed record HostRoute([property: Id(0)] string Destination, [property: Id(1)] string Nexthop);
