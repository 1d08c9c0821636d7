namespace OrleansCompute.Migrations;

/// <summary>Nova's <c>migration_type</c> values.</summary>
public static class MigrationTypes
{
    public const string Migration = "migration";
    public const string Resize = "resize";
    public const string LiveMigration = "live-migration";
    public const string Evacuation = "evacuation";
}
