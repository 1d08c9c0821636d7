using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Sqlite.Index;
using OrleansCompute.Servers;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Persistence.Sqlite;

/// <summary>
/// The server index on SQLite (table compute_servers): version-guarded upserts through the gated write
/// connections, and list pages through the ungated read connections, paged by keyset (never OFFSET) so that a
/// walk sees each row once however deep it goes.
/// </summary>
public sealed class SqliteServerIndex : IServerIndex
{
    private readonly SqliteComputeDatabase _database;

    public SqliteServerIndex(SqliteComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task UpsertAsync(ServerSnapshot server, CancellationToken cancellationToken = default) =>
        TracedAsync("UPSERT", async () =>
        {
            await UpsertCoreAsync(server, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<IReadOnlyList<ServerSnapshot>> QueryAsync(ServerQuery query, CancellationToken cancellationToken = default) =>
        TracedAsync("SELECT", () => QueryCoreAsync(query, cancellationToken));

    public Task<ServerSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        TracedAsync("SELECT", () => FindCoreAsync(id, cancellationToken));

    /// <summary>Runs one index operation inside an <c>OrleansCompute.Storage</c> span (SQLite has no tracing of its own).</summary>
    private static async Task<T> TracedAsync<T>(string operation, Func<Task<T>> run)
    {
        using var span = ComputeInstruments.StartIndexSpan(operation, "sqlite");
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception exception) when (ComputeInstruments.Failed(span, exception))
        {
            throw;
        }
    }

    private async Task UpsertCoreAsync(ServerSnapshot server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);

        var connection = await OpenAsync(_database.WriteDataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            ServerRowCommand.BuildUpsert(command, server);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ServerSnapshot>> QueryCoreAsync(ServerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);

        var order = ServerOrdering.Resolve(query.Sort);
        var connection = await OpenAsync(_database.ReadDataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The marker is checked even for an empty page, so a bad marker is always a 400.
            var markerValues = query.Marker is { } marker
                ? await ReadMarkerAsync(connection, marker, order, cancellationToken).ConfigureAwait(false)
                : null;
            if (query.Limit == 0)
            {
                return [];
            }

            var matchers = RegisterPatterns(connection, query.Patterns);
            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, query, order, markerValues);
            var page = new List<ServerSnapshot>(Math.Min(query.Limit, 256));
            try
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add(Deserialize(reader.GetFieldValue<byte[]>(0)));
                    }
                }
            }
            catch (SqliteException) when (matchers.Exists(matcher => matcher.TimedOut))
            {
                throw ComputeFaultException.BadRequest("A regular expression filter is too expensive to evaluate.");
            }

            return page;
        }
    }

    private async Task<ServerSnapshot?> FindCoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(_database.ReadDataSource, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT snapshot FROM compute_servers WHERE id = @id;";
            command.Parameters.AddWithValue("@id", ServerIds.ToText(id));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
                ? Deserialize(json)
                : null;
        }
    }

    /// <summary>
    /// Binds each regex filter to its SQL function on this connection. The functions are evaluated row by row inside
    /// the scan, so LIMIT still stops it early; a pooled connection keeps the last binding, which the next query
    /// replaces before it runs.
    /// </summary>
    private static List<ServerPatternMatcher> RegisterPatterns(SqliteConnection connection, IReadOnlyList<ServerPattern> patterns)
    {
        var matchers = new List<ServerPatternMatcher>(patterns.Count);
        for (var i = 0; i < patterns.Count; i++)
        {
            var matcher = new ServerPatternMatcher(patterns[i]);
            matchers.Add(matcher);
            connection.CreateFunction<string?, bool>(ServerPageCommand.PatternFunction(i), matcher.IsMatch, isDeterministic: true);
        }

        return matchers;
    }

    /// <summary>The marker row's sort values; any row may be a marker, deleted ones included (Nova reads it with read_deleted).</summary>
    private static async Task<IReadOnlyList<object?>> ReadMarkerAsync(
        SqliteConnection connection, Guid marker, IReadOnlyList<ServerOrderTerm> order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", order.Select(term => term.Column.Column))} FROM compute_servers WHERE id = @marker;";
        command.Parameters.AddWithValue("@marker", ServerIds.ToText(marker));

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw ComputeFaultException.BadRequest($"marker [{marker}] not found");
            }

            var values = new object?[order.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            return values;
        }
    }

    private static async Task<SqliteConnection> OpenAsync(DbDataSource dataSource, CancellationToken cancellationToken) =>
        (SqliteConnection)await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // The column's UTF-8 bytes straight into the deserializer: no decoding to UTF-16 and back for every row.
    private static ServerSnapshot Deserialize(byte[] json) =>
        JsonSerializer.Deserialize(json, ServerSnapshotJsonContext.Default.ServerSnapshot)
        ?? throw new InvalidOperationException("A compute_servers row holds a null snapshot.");

    private static ServerSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ServerSnapshotJsonContext.Default.ServerSnapshot)
        ?? throw new InvalidOperationException("A compute_servers row holds a null snapshot.");
}
