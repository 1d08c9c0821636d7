using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// The server index's SQL on SQLite: ids as text, tags as a JSON array read with <c>json_each</c>, lists as
/// <c>IN (...)</c> (SQLite accepts an empty one), and regular-expression filters as SQL functions evaluated inside
/// the scan, so LIMIT still stops it early.
/// </summary>
/// <remarks>Microsoft.Data.Sqlite has no tracing of its own, so the index traces its operations.</remarks>
internal sealed class SqliteIndexDialect() : ServerIndexDialect("sqlite", driverTracesCommands: false, matchesPatternsInSql: true)
{
    public static readonly SqliteIndexDialect Instance = new();

    // Text compares with SQLite's default BINARY collation, by code point. Booleans are 0/1.
    public override string ColumnType(ServerColumnType type) =>
        type is ServerColumnType.Int32 or ServerColumnType.Int64 or ServerColumnType.Boolean ? "INTEGER" : "TEXT";

    /// <summary>Lower-case "D" text, so that text order is the order of Nova's uuid strings.</summary>
    public override object ServerId(Guid id) => id.ToString("D");

    // Unix microseconds to seconds (integer division), then Nova's DATETIME text.
    public override string InstantText(string column) => $"strftime('%Y-%m-%d %H:%M:%S', {column} / 1000000, 'unixepoch')";

    public override string OneOf(DbCommand command, string column, string name, IReadOnlyList<string> values) =>
        $"{column} IN ({CommandParameters.AddEach(command, name, values)})";

    /// <summary>A count of the distinct requested tags among the row's (<c>json_each</c> of its JSON array).</summary>
    public override string HasAllTags(DbCommand command, string name, IReadOnlyList<string> tags) =>
        $"(SELECT count(DISTINCT t.value) {TagsAmong(command, name, tags)}) = {tags.Count}";

    public override string HasAnyTag(DbCommand command, string name, IReadOnlyList<string> tags) =>
        $"EXISTS (SELECT 1 {TagsAmong(command, name, tags)})";

    private static string TagsAmong(DbCommand command, string name, IReadOnlyList<string> tags) =>
        $"FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({CommandParameters.AddEach(command, name, tags)})";

    public override void SetTags(DbParameter parameter, IReadOnlyList<string> tags) =>
        parameter.Value = JsonSerializer.Serialize(tags, ServerSnapshotJsonContext.Default.IReadOnlyListString);

    public override void SetSnapshot(DbParameter parameter, string json) => parameter.Value = json;

    // The column's UTF-8 bytes straight into the deserializer: no decoding to UTF-16 and back for every row.
    public override ServerSnapshot ReadSnapshot(DbDataReader reader, int ordinal) =>
        ServerSnapshotJson.Deserialize(reader.GetFieldValue<byte[]>(ordinal));

    /// <summary>
    /// A pooled connection keeps the last binding, which the next query replaces before it runs. A match that times
    /// out throws inside SQLite, which fails the query; the index turns that into a 400.
    /// </summary>
    public override void BindPatternFunctions(DbConnection connection, IReadOnlyList<ServerPatternMatcher> matchers)
    {
        var sqlite = (SqliteConnection)connection;
        for (var i = 0; i < matchers.Count; i++)
        {
            sqlite.CreateFunction<string?, bool>(ServerPageCommand.PatternFunction(i), matchers[i].IsMatch, isDeterministic: true);
        }
    }
}
