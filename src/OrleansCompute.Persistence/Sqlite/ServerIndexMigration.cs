using Microsoft.Data.Sqlite;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// Brings a compute_servers table made by an earlier release up to the current columns: each missing column is
/// added and filled from the row's snapshot JSON, so old rows filter correctly before their grains write again.
/// Runs before the schema scripts, inside their transaction; a fresh file has no table yet and skips it.
/// </summary>
internal static class ServerIndexMigration
{
    // Column, its declaration, and the expression that fills it from the stored snapshot.
    private static readonly (string Column, string Declaration, string Backfill)[] AddedColumns =
    [
        ("description", "TEXT NULL", "json_extract(snapshot, '$.Description')"),
        ("auto_disk_config", "INTEGER NOT NULL DEFAULT 0", "json_extract(snapshot, '$.DiskConfig') = 'AUTO'"),
        ("locked_by", "TEXT NULL", "json_extract(snapshot, '$.LockedBy')"),
        ("fixed_ipv4", "TEXT NOT NULL DEFAULT ''", FixedAddresses(4)),
        ("fixed_ipv6", "TEXT NOT NULL DEFAULT ''", FixedAddresses(6)),
        ("tags", "TEXT NOT NULL DEFAULT '[]'", "coalesce(json_extract(snapshot, '$.Tags'), '[]')"),
    ];

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = await ColumnsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            return;
        }

        foreach (var (column, declaration, backfill) in AddedColumns)
        {
            if (existing.Contains(column))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER TABLE compute_servers ADD COLUMN {column} {declaration}; UPDATE compute_servers SET {column} = coalesce({backfill}, {column});";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string FixedAddresses(int version) => $"""
        CASE WHEN vm_state = 'building' THEN '' ELSE (
            SELECT group_concat(json_extract(a.value, '$.Address'), char(10)) FROM json_each(snapshot, '$.Addresses') AS a
            WHERE json_extract(a.value, '$.IpVersion') = {version} AND coalesce(json_extract(a.value, '$.Type'), 'fixed') = 'fixed') END
        """;

    private static async Task<HashSet<string>> ColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('compute_servers');";
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
            }
        }

        return columns;
    }
}
