namespace OrleansCompute.Servers;

/// <summary>One address of a server on one network, as Nova lists it under <c>addresses</c>.</summary>
[GenerateSerializer, Immutable, Alias("compute.ServerAddress")]
public sealed record ServerAddress
{
    [Id(0)] public required string NetworkId { get; init; }
    [Id(1)] public required string NetworkLabel { get; init; }
    [Id(2)] public required string Address { get; init; }
    [Id(3)] public required int IpVersion { get; init; }
    [Id(4)] public string Type { get; init; } = "fixed";
    [Id(5)] public required string MacAddress { get; init; }
    [Id(6)] public string? PortId { get; init; }
}
