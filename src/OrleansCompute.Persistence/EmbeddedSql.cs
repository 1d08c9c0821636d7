using System.Reflection;

namespace OrleansCompute.Persistence;

/// <summary>The SQL files under Sql/, embedded in this assembly so the product never reads them from disk.</summary>
internal static class EmbeddedSql
{
    private const string Extension = ".sql";

    private static readonly Assembly Assembly = typeof(EmbeddedSql).Assembly;

    /// <summary>
    /// Every file of one folder, as (file name, text) in file-name order (numeric prefixes give the order);
    /// <paramref name="folder"/> is the resource prefix, e.g. <c>OrleansCompute.Persistence.Sql.PostgreSql.</c>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Folder(string folder) =>
    [
        .. Assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(folder, StringComparison.Ordinal) && resource.EndsWith(Extension, StringComparison.Ordinal))
            .Select(resource => KeyValuePair.Create(resource[folder.Length..], Read(resource)))
            .OrderBy(script => script.Key, StringComparer.Ordinal),
    ];

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
