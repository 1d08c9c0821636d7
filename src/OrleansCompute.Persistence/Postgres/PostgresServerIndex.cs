using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Postgres.Index;
using ServerOrderTerm = OrleansCompute.Persistence.Sqlite.Index.ServerOrderTerm;
using ServerOrdering = OrleansCompute.Persistence.Sqlite.Index.ServerOrdering;
using ServerSnapshotJsonContext = OrleansCompute.Persistence.Sqlite.Index.ServerSnapshotJsonContext;
using OrleansCompute.Servers;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The server index on PostgreSQL (table compute_servers), with exactly the semantics of SqliteServerIndex:
/// version-guarded upserts, and list pages paged by keyset (never OFFSET) in the same total order (text by code
/// point, NULLs first ascending and last descending). The sort whitelist and the order resolution are shared with
/// the SQLite index; only the SQL dialect differs.
/// </summary>
public sealed class PostgresServerIndex : IServerIndex
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresServerIndex(PostgresComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task UpsertAsync(ServerSnapshot server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);

        await using var command = _dataSource.CreateCommand();
        ServerRowCommand.BuildUpsert(command, server);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ServerSnapshot>> QueryAsync(ServerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);

        var order = ServerOrdering.Resolve(query.Sort);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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

            if (query.Patterns.Count > 0)
            {
                return await QueryWithPatternsAsync(connection, query, order, markerValues, cancellationToken).ConfigureAwait(false);
            }

            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, query, order, markerValues);
            var page = new List<ServerSnapshot>(Math.Min(query.Limit, 256));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(Deserialize(reader.GetString(0)));
                }
            }

            return page;
        }
    }

    public async Task<ServerSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT snapshot FROM compute_servers WHERE id = @id;");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? Deserialize(json)
            : null;
    }

    /// <summary>
    /// Regular-expression filters run in .NET, with the same matcher and the same field texts as the SQLite index (its
    /// SQL functions call the matcher too): the other filters and the order stay in SQL, and rows are read in keyset
    /// batches, each continuing after the previous batch's last row, until the page is full or the rows run out.
    /// </summary>
    private static async Task<IReadOnlyList<ServerSnapshot>> QueryWithPatternsAsync(
        NpgsqlConnection connection, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues, CancellationToken cancellationToken)
    {
        var matchers = query.Patterns.Select(pattern => new ServerPatternMatcher(pattern)).ToArray();
        var batch = query with { Limit = Math.Clamp(query.Limit * 4, 64, 1024) };
        var page = new List<ServerSnapshot>(Math.Min(query.Limit, 256));
        try
        {
            while (true)
            {
                await using var command = connection.CreateCommand();
                ServerPageCommand.Build(command, batch, order, markerValues, patternsInCode: true);
                var rows = 0;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows++;
                        var last = new object?[order.Count];
                        for (var i = 0; i < last.Length; i++)
                        {
                            last[i] = reader.IsDBNull(1 + i) ? null : reader.GetValue(1 + i);
                        }

                        markerValues = last;
                        if (Matches(reader, 1 + order.Count, matchers))
                        {
                            page.Add(Deserialize(reader.GetString(0)));
                            if (page.Count == query.Limit)
                            {
                                return page;
                            }
                        }
                    }
                }

                if (rows < batch.Limit)
                {
                    return page;
                }
            }
        }
        catch (RegexMatchTimeoutException) when (matchers.Any(matcher => matcher.TimedOut))
        {
            throw ComputeFaultException.BadRequest("A regular expression filter is too expensive to evaluate.");
        }
    }

    private static bool Matches(NpgsqlDataReader reader, int firstText, ServerPatternMatcher[] matchers)
    {
        for (var i = 0; i < matchers.Length; i++)
        {
            var text = reader.IsDBNull(firstText + i) ? null : reader.GetString(firstText + i);
            if (!matchers[i].IsMatch(text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The marker row's sort values; any row may be a marker, deleted ones included (Nova reads it with read_deleted).</summary>
    private static async Task<IReadOnlyList<object?>> ReadMarkerAsync(
        NpgsqlConnection connection, Guid marker, IReadOnlyList<ServerOrderTerm> order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", order.Select(term => term.Column.Column))} FROM compute_servers WHERE id = @marker;";
        command.Parameters.AddWithValue("marker", marker);

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

    private static ServerSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ServerSnapshotJsonContext.Default.ServerSnapshot)
        ?? throw new InvalidOperationException("A compute_servers row holds a null snapshot.");
}
