using System.Data;
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
/// <remarks>Npgsql's own spans cover every command (the host subscribes to them), so the index opens none.</remarks>
internal sealed class PostgresIndexDialect() : ServerIndexDialect("postgresql", driverTracesCommands: true, matchesPatternsInSql: false)
{
    public static readonly PostgresIndexDialect Instance = new();

    public override string ColumnType(ServerColumnType type) => type switch
    {
        ServerColumnType.Id => "uuid",
        ServerColumnType.Text or ServerColumnType.Lines => "text",
        ServerColumnType.Int32 => "integer",
        ServerColumnType.Int64 => "bigint",
        ServerColumnType.Boolean => "boolean",
        ServerColumnType.TextList => "text[]",
        ServerColumnType.Json => "jsonb",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    // Code-point order, as SQLite's BINARY, whatever the database's collation.
    public override string? Collation(ServerColumnType type) => type == ServerColumnType.Text ? "COLLATE \"C\"" : null;

    public override object ServerId(Guid id) => id;

    // Unix microseconds to whole seconds (integer division, as SQLite), then Nova's DATETIME text in UTC.
    public override string InstantText(string column) =>
        $"to_char(to_timestamp({column} / 1000000) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

    public override string OneOf(DbCommand command, string column, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            // One value is an equality: the planner can then walk (vm_state, created_at, id) or (vm_state, name, ...)
            // in order. With = ANY(array) it cannot, and at a million rows it scans and sorts (seconds, not ms).
            CommandParameters.Add(command, "@" + name, values[0], DbType.String);
            return $"{column} = @{name}";
        }

        AddTextArray(command, name, values);
        return $"{column} = ANY(@{name})";
    }

    /// <summary>Array containment.</summary>
    public override string HasAllTags(DbCommand command, string name, IReadOnlyList<string> tags)
    {
        AddTextArray(command, name, tags);
        return $"tags @> @{name}";
    }

    /// <summary>Array overlap.</summary>
    public override string HasAnyTag(DbCommand command, string name, IReadOnlyList<string> tags)
    {
        AddTextArray(command, name, tags);
        return $"tags && @{name}";
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
