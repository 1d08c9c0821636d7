namespace OrleansCompute.Migrations;

/// <summary>
/// One of Nova's migration records (a resize, cold migration, live migration or evacuation of one server), as
/// <c>/os-migrations</c> and <c>/servers/{id}/migrations</c> show it. The flavors are the server's flavor ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.MigrationRecord")]
public sealed record MigrationRecord
{
    /// <summary>Nova's integer id, never reused.</summary>
    [Id(0)] public required int Id { get; init; }
    [Id(1)] public required Guid Uuid { get; init; }
    [Id(2)] public required Guid ServerId { get; init; }

    /// <summary>One of <see cref="MigrationTypes"/>.</summary>
    [Id(3)] public required string Type { get; init; }

    /// <summary>One of <see cref="MigrationStatuses"/>.</summary>
    [Id(4)] public required string Status { get; init; }
    [Id(5)] public string? SourceCompute { get; init; }
    [Id(6)] public string? DestCompute { get; init; }
    [Id(7)] public string? OldFlavorId { get; init; }
    [Id(8)] public string? NewFlavorId { get; init; }
    [Id(9)] public required string UserId { get; init; }
    [Id(10)] public required string ProjectId { get; init; }
    [Id(11)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(12)] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the record has reached a status it never leaves.</summary>
    public bool IsFinal => MigrationStatuses.Final.Contains(Status, StringComparer.Ordinal);

    /// <summary>Nova's "in progress" for a live migration (what the per-server routes show and act on).</summary>
    public bool IsLiveInProgress => Type == MigrationTypes.LiveMigration && MigrationStatuses.LiveInProgress.Contains(Status, StringComparer.Ordinal);
}
