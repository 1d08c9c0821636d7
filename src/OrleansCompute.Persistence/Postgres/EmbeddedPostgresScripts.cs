using System.Reflection;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The SQL files under Sql/PostgreSql, embedded in this assembly so the product never reads them from disk. The
/// same files are what deploy/sql/postgresql points at, for operators who apply them with psql.
/// </summary>
internal static class EmbeddedPostgresScripts
{
    private const string Prefix = "OrleansCompute.Persistence.Sql.PostgreSql.";
    private const string Extension = ".sql";

    private static readonly Assembly Assembly = typeof(EmbeddedPostgresScripts).Assembly;

    /// <summary>The scripts in file-name order (their numeric prefixes give the order), as (file name, text).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        .. from resource in Assembly.GetManifestResourceNames()
           where resource.StartsWith(Prefix, StringComparison.Ordinal) && resource.EndsWith(Extension, StringComparison.Ordinal)
           let name = resource[Prefix.Length..]
           orderby name ascending
           select KeyValuePair.Create(name, Read(resource)),
    ];

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
