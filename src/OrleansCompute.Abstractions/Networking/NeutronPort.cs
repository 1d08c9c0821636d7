namespace OrleansCompute.Networking;

/// <summary>A port as its grain keeps it: the one truth of a server's addresses on a network.</summary>
[GenerateSerializer, Immutable, Alias("compute.NeutronPort")]
public sealed record NeutronPort
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string NetworkId { get; init; }
    [Id(2)] public required string ProjectId { get; init; }
    [Id(3)] public string Name { get; init; } = "";
    [Id(4)] public string Description { get; init; } = "";
    [Id(5)] public bool AdminStateUp { get; init; } = true;
    [Id(6)] public required string MacAddress { get; init; }
    [Id(7)] public IReadOnlyList<FixedIp> FixedIps { get; init; } = [];
    [Id(8)] public string DeviceId { get; init; } = "";
    [Id(9)] public string DeviceOwner { get; init; } = "";
    [Id(10)] public string Status { get; init; } = "DOWN";
    [Id(11)] public IReadOnlyList<string> SecurityGroups { get; init; } = [];
    [Id(12)] public bool PortSecurityEnabled { get; init; } = true;
    [Id(13)] public IReadOnlyList<AddressPair> AllowedAddressPairs { get; init; } = [];
    [Id(14)] public string BindingHostId { get; init; } = "";
    [Id(15)] public string BindingVnicType { get; init; } = "normal";
    [Id(16)] public DateTimeOffset CreatedAt { get; init; }
    [Id(17)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(18)] public long RevisionNumber { get; init; }
    /// <summary>Made by a server create (not asked for by port id): deleted with the server, as Nova does.</summary>
    [Id(19)] public bool DeleteWithServer { get; init; }
    /// <summary>The tag a server create gave the interface (Nova's device tag).</summary>
    [Id(20)] public string? Tag { get; init; }
    [Id(21)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>A server owns the port: Nova's compute owner and a device id.</summary>
    public bool IsBoundToServer => DeviceId.Length > 0 && DeviceOwner.StartsWith("compute:", StringComparison.Ordinal);
}

[GenerateSerializer, Immutable, Alias("compute.FixedIp")]
public sealed record FixedIp([property: Id(0)] string SubnetId, [property: Id(1)] string IpAddress);

/// <summary>A fixed IP a port create or update asks for: by subnet, by address, or both.</summary>
[GenerateSerializer, Immutable, Alias("compute.FixedIpRequest")]
public sealed record FixedIpRequest([property: Id(0)] string? SubnetId, [property: Id(1)] string? IpAddress);

[GenerateSerializer, Immutable, Alias("compute.AddressPair")]
public sealed record AddressPair([property: Id(0)] string IpAddress, [property: Id(1)] string MacAddress);
