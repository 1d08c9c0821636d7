namespace OrleansCompute.Migrations;

/// <summary>What a server grain knows when a migration of its server starts (the destination may come later).</summary>
[GenerateSerializer, Immutable, Alias("compute.MigrationStart")]
public sealed record MigrationStart
{
    /// <summary>Chosen by the caller, so a repeated start (a retried call) records one migration.</summary>
    [Id(0)] public required Guid Uuid { get; init; }
    [Id(1)] public required Guid ServerId { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Status { get; init; }
    [Id(4)] public string? SourceCompute { get; init; }
    [Id(5)] public string? DestCompute { get; init; }
    [Id(6)] public string? OldFlavorId { get; init; }
    [Id(7)] public string? NewFlavorId { get; init; }
    [Id(8)] public required string UserId { get; init; }
    [Id(9)] public required string ProjectId { get; init; }
    [Id(10)] public required DateTimeOffset At { get; init; }
}
