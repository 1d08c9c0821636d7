namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The SQL files under Sql/PostgreSql, embedded in this assembly. The same files are what deploy/sql/postgresql
/// points at, for operators who apply them with psql.
/// </summary>
internal static class EmbeddedPostgresScripts
{
    /// <summary>The scripts in file-name order (their numeric prefixes give the order), as (file name, text).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } = EmbeddedSql.Folder("OrleansCompute.Persistence.Sql.PostgreSql.");
}
