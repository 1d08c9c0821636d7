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
internal sealed class SqliteIndexDialect : ServerIndexDialect
{
    public static readonly SqliteIndexDialect Instance = new();

    private SqliteIndexDialect()
    {
    }

    // Microsoft.Data.Sqlite has no tracing of its own.
    public override string DatabaseSystem => "sqlite";

    public override bool DriverTracesCommands => false;

    public override bool MatchesPatternsInSql => true;

    /// <summary>Lower-case "D" text, so that text order is the order of Nova's uuid strings.</summary>
    public override object ServerId(Guid id) => id.ToString("D");

    // Unix microseconds to seconds (integer division), then Nova's DATETIME text.
    public override string InstantText(string column) => $"strftime('%Y-%m-%d %H:%M:%S', {column} / 1000000, 'unixepoch')";

    public override string OneOf(DbCommand command, string column, string name, IReadOnlyList<string> values) =>
        $"{column} IN ({CommandParameters.AddEach(command, name, values)})";

    /// <summary>
    /// "Has all" is a count of the distinct requested tags present, "not all" its negation, "any" an EXISTS and
    /// "none" a NOT EXISTS, over <c>json_each</c> of the row's tags.
    /// </summary>
    public override string Tags(DbCommand command, TagMatch match, string name, IReadOnlyList<string> tags)
    {
        var present = $"FROM json_each(compute_servers.tags) AS t WHERE t.value IN ({CommandParameters.AddEach(command, name, tags)})";
        return match switch
        {
            TagMatch.All => $"(SELECT count(DISTINCT t.value) {present}) = {tags.Count}",
            TagMatch.Any => $"EXISTS (SELECT 1 {present})",
            TagMatch.NotAll => $"(SELECT count(DISTINCT t.value) {present}) < {tags.Count}",
            TagMatch.None => $"NOT EXISTS (SELECT 1 {present})",
            _ => throw new ArgumentOutOfRangeException(nameof(match), match, "Unknown tag filter."),
        };
    }

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
