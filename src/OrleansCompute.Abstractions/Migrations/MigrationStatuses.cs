namespace OrleansCompute.Migrations;

/// <summary>The migration statuses this service writes, and Nova's groups of them.</summary>
public static class MigrationStatuses
{
    public const string PreMigrating = "pre-migrating";
    public const string Finished = "finished";
    public const string Confirmed = "confirmed";
    public const string Reverted = "reverted";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Accepted = "accepted";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Error = "error";

    /// <summary>Statuses a record never leaves (an evacuation's <c>done</c> is not one: it completes later).</summary>
    public static readonly IReadOnlyList<string> Final = [Confirmed, Reverted, Completed, Cancelled, Failed, Error];

    /// <summary>Nova's in-progress statuses of a live migration.</summary>
    public static readonly IReadOnlyList<string> LiveInProgress = ["queued", "preparing", Running, "post-migrating"];
}
