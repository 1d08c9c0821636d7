namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// The OrleansQuery keys this project provides, spelled as Orleans 10.4.2 looks them up (case-sensitively).
/// Each has a file of the same name in Sql/Sqlite/Queries.
/// </summary>
internal static class OrleansQueryKeys
{
    /// <summary>Required by AddAdoNetGrainStorage; a missing one fails the start without naming it.</summary>
    public static readonly IReadOnlyList<string> GrainStorage =
        ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"];

    /// <summary>Needed only with DeleteStateOnClear = true; provided so that option works.</summary>
    public const string DeleteStorage = "DeleteStorageKey";

    /// <summary>Required by UseAdoNetReminderService.</summary>
    public static readonly IReadOnlyList<string> Reminders =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public static IEnumerable<string> All => [.. GrainStorage, DeleteStorage, .. Reminders];
}
