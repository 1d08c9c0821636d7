using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The server index's SQL on PostgreSQL: ids as <c>uuid</c>, tags as a <c>text[]</c> column compared with array
/// operators, lists as one array parameter (<c>= ANY(@list)</c>: PostgreSQL has no empty <c>IN ()</c>), the
/// snapshot as <c>jsonb</c>. Regular-expression filters run in .NET (PostgreSQL's <c>~</c> is another regex dialect).
/// </summary>
internal sealed class PostgresIndexDialect : ServerIndexDialect
{
    public static readonly PostgresIndexDialect Instance = new();

    private PostgresIndexDialect()
    {
    }

    public override string DatabaseSystem => "postgresql";

    // Npgsql's own spans cover every command (the host subscribes to them).
    public override bool DriverTracesCommands => true;

    public override object ServerId(Guid id) => id;

    // Unix microseconds to whole seconds (integer division, as SQLite), then Nova's DATETIME text in UTC.
    public override string InstantText(string column) =>
        $"to_char(to_timestamp({column} / 1000000) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

    public override string OneOf(DbCommand command, string column, string name, IReadOnlyList<string> values)
    {
        AddTextArray(command, name, values);
        return $"{column} = ANY(@{name})";
    }

    /// <summary>"Has all" is containment, "not all" its negation, "any" an overlap and "none" its negation.</summary>
    public override string Tags(DbCommand command, TagMatch match, string name, IReadOnlyList<string> tags)
    {
        AddTextArray(command, name, tags);
        return match switch
        {
            TagMatch.All => $"tags @> @{name}",
            TagMatch.Any => $"tags && @{name}",
            TagMatch.NotAll => $"NOT (tags @> @{name})",
            TagMatch.None => $"NOT (tags && @{name})",
            _ => throw new ArgumentOutOfRangeException(nameof(match), match, "Unknown tag filter."),
        };
    }

    public override void SetTags(DbParameter parameter, IReadOnlyList<string> tags)
    {
        var npgsql = (NpgsqlParameter)parameter;
        npgsql.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
        npgsql.Value = tags.ToArray();
    }

    public override void SetSnapshot(DbParameter parameter, string json)
    {
        var npgsql = (NpgsqlParameter)parameter;
        npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
        npgsql.Value = json;
    }

    public override ServerSnapshot ReadSnapshot(DbDataReader reader, int ordinal) =>
        ServerSnapshotJson.Deserialize(reader.GetString(ordinal));

    private void AddTextArray(DbCommand command, string name, IReadOnlyList<string> values) =>
        SetTags(CommandParameters.Add(command, "@" + name, null), values);
}
