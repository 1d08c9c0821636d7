using System.Reflection;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>The SQL files under Sql/Sqlite, embedded in this assembly so the product never reads them from disk.</summary>
internal static class EmbeddedSqliteScripts
{
    private const string SchemaPrefix = "OrleansCompute.Persistence.Sql.Sqlite.Schema.";
    private const string QueryPrefix = "OrleansCompute.Persistence.Sql.Sqlite.Queries.";
    private const string Extension = ".sql";

    private static readonly Assembly Assembly = typeof(EmbeddedSqliteScripts).Assembly;

    /// <summary>The DDL scripts in file-name order (their numeric prefixes give the order).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Schema { get; } = Load(SchemaPrefix)
        .OrderBy(script => script.Key, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Query texts by OrleansQuery key (the file name without extension).</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = Load(QueryPrefix)
        .ToDictionary(script => script.Key, script => script.Value, StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string>> Load(string prefix) =>
        from resource in Assembly.GetManifestResourceNames()
        where resource.StartsWith(prefix, StringComparison.Ordinal) && resource.EndsWith(Extension, StringComparison.Ordinal)
        let name = resource[prefix.Length..^Extension.Length]
        select KeyValuePair.Create(name, Read(resource));

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
