namespace OrleansCompute.Persistence.Sqlite;

/// <summary>The SQL files under Sql/Sqlite, embedded in this assembly.</summary>
internal static class EmbeddedSqliteScripts
{
    /// <summary>The DDL scripts in file-name order (their numeric prefixes give the order).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Schema { get; } = EmbeddedSql.Folder("OrleansCompute.Persistence.Sql.Sqlite.Schema.");

    /// <summary>Query texts by OrleansQuery key (the file name without extension).</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = EmbeddedSql.Folder("OrleansCompute.Persistence.Sql.Sqlite.Queries.")
        .ToDictionary(script => Path.GetFileNameWithoutExtension(script.Key), script => script.Value, StringComparer.Ordinal);
}
