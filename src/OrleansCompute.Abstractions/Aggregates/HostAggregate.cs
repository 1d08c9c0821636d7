namespace OrleansCompute.Aggregates;

/// <summary>A host aggregate: named hosts and metadata; its <c>availability_zone</c> key is its hosts' zone.</summary>
[GenerateSerializer, Immutable, Alias("compute.HostAggregate")]
public sealed record HostAggregate
{
    public const string ZoneKey = "availability_zone";

    [Id(0)] public required int Id { get; init; }
    [Id(1)] public required Guid Uuid { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public IReadOnlyList<string> Hosts { get; init; } = [];
    [Id(4)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset? UpdatedAt { get; init; }

    public string? AvailabilityZone => Metadata.GetValueOrDefault(ZoneKey);
}
