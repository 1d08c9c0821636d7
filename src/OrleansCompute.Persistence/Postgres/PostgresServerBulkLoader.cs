using Npgsql;
using NpgsqlTypes;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// Writes index rows in bulk with binary COPY (no revision guard: for filling an empty table, such as the
/// million-server benchmark's, never for rows the grains own). Each call is one COPY, one transaction.
/// </summary>
internal static class PostgresServerBulkLoader
{
    private static readonly string CopyText =
        $"COPY compute_servers ({string.Join(", ", ServerIndexSchema.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    public static async Task<ulong> CopyAsync(NpgsqlDataSource dataSource, IEnumerable<ServerSnapshot> servers, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var importer = await connection.BeginBinaryImportAsync(CopyText, cancellationToken).ConfigureAwait(false);
        foreach (var server in servers)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            var values = ServerRowValues.Of(server);
            for (var i = 0; i < values.Length; i++)
            {
                var column = ServerIndexSchema.Columns[i];
                if (values[i] is null)
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (column.Type == ServerColumnType.TextList)
                {
                    await importer.WriteAsync(((IReadOnlyList<string>)values[i]!).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteAsync(values[i], TypeOf(column.Type), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlDbType TypeOf(ServerColumnType type) => type switch
    {
        ServerColumnType.Id => NpgsqlDbType.Uuid,
        ServerColumnType.Int32 => NpgsqlDbType.Integer,
        ServerColumnType.Int64 => NpgsqlDbType.Bigint,
        ServerColumnType.Boolean => NpgsqlDbType.Boolean,
        ServerColumnType.Json => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };
}
