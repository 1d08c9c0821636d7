namespace OrleansCompute.Servers;

/// <summary>One entry of a create request's <c>networks</c> list.</summary>
[GenerateSerializer, Immutable, Alias("compute.NetworkRequest")]
public sealed record NetworkRequest
{
    [Id(0)] public string? NetworkId { get; init; }
    [Id(1)] public string? PortId { get; init; }
    [Id(2)] public string? FixedIp { get; init; }
    [Id(3)] public string? Tag { get; init; }
}
