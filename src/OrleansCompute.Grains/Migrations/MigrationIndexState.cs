namespace OrleansCompute.Migrations;

/// <summary>The persisted migration records, oldest first, and the next integer id.</summary>
[GenerateSerializer, Alias("compute.MigrationIndexState")]
public sealed class MigrationIndexState
{
    [Id(0)] public int NextId { get; set; } = 1;
    [Id(1)] public List<MigrationRecord> Records { get; set; } = [];
}
