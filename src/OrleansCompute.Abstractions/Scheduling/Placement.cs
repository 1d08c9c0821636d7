namespace OrleansCompute.Scheduling;

/// <summary>Where the scheduler put one server, its capacity already claimed on that host.</summary>
[GenerateSerializer, Immutable, Alias("compute.Placement")]
public sealed record Placement
{
    [Id(0)] public required Guid ServerId { get; init; }
    [Id(1)] public required string Host { get; init; }
    [Id(2)] public required string Node { get; init; }
    [Id(3)] public required string AvailabilityZone { get; init; }
}
