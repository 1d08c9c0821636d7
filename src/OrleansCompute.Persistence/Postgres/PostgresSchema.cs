using Npgsql;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// Applies the embedded scripts (every statement idempotent) in one transaction, under a transaction-scoped
/// advisory lock: silos or init-db runs starting at the same moment queue instead of racing on
/// "CREATE ... IF NOT EXISTS" (which is not safe against a concurrent creator), and a failure leaves nothing
/// half-made.
/// </summary>
internal static class PostgresSchema
{
    // Any constant shared by every OrleansCompute process; "OCSCHEMA" in ASCII.
    private const long AdvisoryLockKey = 0x4F43534348454D41;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var command = new NpgsqlCommand("SET LOCAL client_min_messages = warning; SELECT pg_advisory_xact_lock(@key);", connection, transaction))
                {
                    command.Parameters.AddWithValue("key", AdvisoryLockKey);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var (_, script) in EmbeddedPostgresScripts.All)
                {
                    await using var command = new NpgsqlCommand(script, connection, transaction);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The keys of <see cref="PostgresQueryKeys.All"/> that the database lacks (empty when the schema is complete).</summary>
    public static async Task<IReadOnlyList<string>> MissingQueryKeysAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = dataSource.CreateCommand("SELECT to_regclass('orleansquery') IS NOT NULL;"))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return [.. PostgresQueryKeys.All];
            }
        }

        await using (var command = dataSource.CreateCommand("SELECT querykey FROM orleansquery;"))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    present.Add(reader.GetString(0));
                }
            }
        }

        return [.. PostgresQueryKeys.All.Where(key => !present.Contains(key))];
    }
}
