namespace OrleansCompute.Persistence;

/// <summary>
/// The OrleansQuery keys of Orleans' ADO.NET grain storage and reminders, spelled as Orleans 10.4.2 looks them up
/// (case-sensitively). Both databases provide them: SQLite as one file per key in Sql/Sqlite/Queries, PostgreSQL
/// as rows in its scripts (with the clustering keys, <see cref="Postgres.PostgresQueryKeys"/>).
/// </summary>
internal static class OrleansQueryKeys
{
    /// <summary>
    /// AddAdoNetGrainStorage: three required (a missing one fails the start without naming it), and
    /// DeleteStorageKey for DeleteStateOnClear = true, provided so that option works.
    /// </summary>
    public static readonly IReadOnlyList<string> GrainStorage =
        ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    /// <summary>The seven keys UseAdoNetReminderService requires.</summary>
    public static readonly IReadOnlyList<string> Reminders =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    /// <summary>What embedded mode needs (it clusters on localhost, without keys): storage and reminders.</summary>
    public static IEnumerable<string> StorageAndReminders => [.. GrainStorage, .. Reminders];
}
