using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// Creates or updates a database file's schema: WAL once, every DDL script and then the server index's from
/// <see cref="ServerIndexSchema"/> (all "if not exists") and every query row (upserted, so a new release replaces
/// changed texts). Runs in one immediate transaction, so a second process starting at the same moment waits rather
/// than interleaving, and a failure leaves nothing half-made.
/// </summary>
internal static class SqliteSchema
{
    private const string UpsertQuery = """
        INSERT INTO OrleansQuery (QueryKey, QueryText)
        VALUES (@key, @text)
        ON CONFLICT (QueryKey) DO UPDATE
        SET QueryText = excluded.QueryText
        WHERE QueryText IS NOT excluded.QueryText;
        """;

    public static async Task EnsureAsync(DbDataSource writeDataSource, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await EnsureWriteAheadLogAsync(connection, cancellationToken).ConfigureAwait(false);

            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ServerIndexMigration.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
                foreach (var (_, script) in EmbeddedSqliteScripts.Schema)
                {
                    await ExecuteAsync(connection, script, cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, ServerIndexSchema.Script(SqliteIndexDialect.Instance), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, Volumes.VolumeIndexSchema.Script(SqliteIndexDialect.Instance), cancellationToken).ConfigureAwait(false);

                foreach (var (key, text) in EmbeddedSqliteScripts.Queries)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = UpsertQuery;
                    command.Parameters.AddWithValue("@key", key);
                    command.Parameters.AddWithValue("@text", text);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The journal mode is stored in the file, so it is set once, when the file is new (it cannot change inside a
    /// transaction). WAL lets the index's readers run beside the one writer.
    /// </summary>
    private static async Task EnsureWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (await QueryJournalModeAsync(connection, "PRAGMA journal_mode;", cancellationToken).ConfigureAwait(false) == "wal")
        {
            return;
        }

        var mode = await QueryJournalModeAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        if (mode != "wal")
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for {connection.DataSource} (journal mode is '{mode}').");
        }
    }

    private static async Task<string?> QueryJournalModeAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        var mode = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return mode?.ToLowerInvariant();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
