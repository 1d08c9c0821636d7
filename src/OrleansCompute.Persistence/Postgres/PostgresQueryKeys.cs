namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The OrleansQuery keys the PostgreSQL scripts provide, spelled as Orleans 10.4.2 looks them up
/// (case-sensitively).
/// </summary>
public static class PostgresQueryKeys
{
    /// <summary>The nine keys UseAdoNetClustering requires (silos and clients alike).</summary>
    public static readonly IReadOnlyList<string> Clustering =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    /// <summary>Optional in 10.4.2: when present, the defunct-silo cleanup deletes Dead rows one by one, compare-and-delete.</summary>
    public const string CleanupDefunctSiloEntry = "CleanupDefunctSiloEntryKey";

    /// <summary>AddAdoNetGrainStorage: three required, DeleteStorageKey for DeleteStateOnClear = true.</summary>
    public static readonly IReadOnlyList<string> GrainStorage = OrleansQueryKeys.GrainStorage;

    /// <summary>The seven keys UseAdoNetReminderService requires.</summary>
    public static readonly IReadOnlyList<string> Reminders = OrleansQueryKeys.Reminders;

    public static IEnumerable<string> All => [.. Clustering, CleanupDefunctSiloEntry, .. GrainStorage, .. Reminders];
}
