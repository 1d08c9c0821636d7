namespace OrleansCompute.Networking;

/// <summary>A floating IP: an address of an external network, optionally associated with a port's fixed IP.</summary>
[GenerateSerializer, Immutable, Alias("compute.FloatingIp")]
public sealed record FloatingIp
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public required string FloatingNetworkId { get; init; }
    [Id(3)] public required string FloatingIpAddress { get; init; }
    [Id(4)] public string? PortId { get; init; }
    [Id(5)] public string? FixedIpAddress { get; init; }
    [Id(6)] public string Description { get; init; } = "";
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(9)] public long RevisionNumber { get; init; }
    [Id(10)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>ACTIVE while associated, DOWN otherwise (no data plane reports anything else).</summary>
    public string Status => PortId is null ? "DOWN" : "ACTIVE";
}
