using System.Data.Common;
using System.Text.RegularExpressions;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// The server index (table compute_servers) over ADO.NET, the same on every database: version-guarded upserts
/// through the write data source, and list pages through the read data source, paged by keyset (never OFFSET) so
/// that a walk sees each row once however deep it goes, in one total order (text by code point, NULLs first
/// ascending and last descending). The SQL is built once, by <see cref="ServerRowCommand"/> and
/// <see cref="ServerPageCommand"/>; what a database spells its own way comes from its <see cref="ServerIndexDialect"/>.
/// </summary>
public abstract class AdoNetServerIndex : IServerIndex
{
    private readonly DbDataSource _writeDataSource;
    private readonly DbDataSource _readDataSource;
    private readonly ServerIndexDialect _dialect;

    private protected AdoNetServerIndex(DbDataSource writeDataSource, DbDataSource readDataSource, ServerIndexDialect dialect)
    {
        _writeDataSource = writeDataSource;
        _readDataSource = readDataSource;
        _dialect = dialect;
    }

    /// <summary>The data sources, for the network index that lives beside this one (<see cref="NeutronIndexes"/>).</summary>
    internal (DbDataSource Write, DbDataSource Read) DataSources => (_writeDataSource, _readDataSource);

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

    /// <summary>
    /// Runs one index operation inside an <c>OrleansCompute.Storage</c> span, unless the driver traces its commands
    /// itself (Npgsql does; Microsoft.Data.Sqlite does not).
    /// </summary>
    private async Task<T> TracedAsync<T>(string operation, Func<Task<T>> run)
    {
        using var span = _dialect.DriverTracesCommands ? null : ComputeInstruments.StartIndexSpan(operation, _dialect.DatabaseSystem);
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

        var connection = await _writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            ServerRowCommand.BuildUpsert(command, _dialect, server);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ServerSnapshot>> QueryCoreAsync(ServerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);

        var order = ServerOrdering.Resolve(query.Sort);
        var connection = await _readDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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

            var matchers = query.Patterns.Select(pattern => new ServerPatternMatcher(pattern)).ToArray();
            try
            {
                if (ServerPageCommand.PatternsInCode(_dialect, query))
                {
                    return await ReadMatchingPageAsync(connection, query, order, markerValues, matchers, cancellationToken).ConfigureAwait(false);
                }

                if (matchers.Length > 0)
                {
                    _dialect.BindPatternFunctions(connection, matchers);
                }

                return await ReadPageAsync(connection, query, order, markerValues, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or RegexMatchTimeoutException && matchers.Any(matcher => matcher.TimedOut))
            {
                throw ComputeFaultException.BadRequest("A regular expression filter is too expensive to evaluate.");
            }
        }
    }

    /// <summary>One page in one query: every filter, regular expressions included where the dialect binds them, is SQL.</summary>
    private async Task<IReadOnlyList<ServerSnapshot>> ReadPageAsync(
        DbConnection connection, ServerQuery query, IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?>? markerValues, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        ServerPageCommand.Build(command, _dialect, query, order, markerValues);
        var page = new List<ServerSnapshot>(Math.Min(query.Limit, 256));
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(_dialect.ReadSnapshot(reader, 0));
            }
        }

        return page;
    }

    /// <summary>
    /// Regular-expression filters in .NET, with the same matcher and the same field texts as in SQL: the other
    /// filters and the order stay in SQL, and rows are read in keyset batches, each continuing after the previous
    /// batch's last row, until the page is full or the rows run out.
    /// </summary>
    private async Task<IReadOnlyList<ServerSnapshot>> ReadMatchingPageAsync(
        DbConnection connection,
        ServerQuery query,
        IReadOnlyList<ServerOrderTerm> order,
        IReadOnlyList<object?>? markerValues,
        ServerPatternMatcher[] matchers,
        CancellationToken cancellationToken)
    {
        var batch = query with { Limit = Math.Clamp(query.Limit * 4, 64, 1024) };
        var page = new List<ServerSnapshot>(Math.Min(query.Limit, 256));
        while (true)
        {
            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, _dialect, batch, order, markerValues);
            var rows = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows++;
                    markerValues = ReadValues(reader, first: 1, order.Count);
                    if (Matches(reader, 1 + order.Count, matchers))
                    {
                        page.Add(_dialect.ReadSnapshot(reader, 0));
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

    private static bool Matches(DbDataReader reader, int firstText, ServerPatternMatcher[] matchers)
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

    private async Task<ServerSnapshot?> FindCoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await _readDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT snapshot FROM compute_servers WHERE id = @id;";
            CommandParameters.Add(command, "@id", _dialect.ServerId(id));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
                ? ServerSnapshotJson.Deserialize(json)
                : null;
        }
    }

    /// <summary>The marker row's sort values; any row may be a marker, deleted ones included (Nova reads it with read_deleted).</summary>
    private async Task<IReadOnlyList<object?>> ReadMarkerAsync(
        DbConnection connection, Guid marker, IReadOnlyList<ServerOrderTerm> order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", order.Select(term => term.Column.Column))} FROM compute_servers WHERE id = @marker;";
        CommandParameters.Add(command, "@marker", _dialect.ServerId(marker));

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw ComputeFaultException.BadRequest($"marker [{marker}] not found");
            }

            return ReadValues(reader, first: 0, order.Count);
        }
    }

    /// <summary><paramref name="count"/> column values from <paramref name="first"/> on, NULL as null: a keyset marker.</summary>
    private static object?[] ReadValues(DbDataReader reader, int first, int count)
    {
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.IsDBNull(first + i) ? null : reader.GetValue(first + i);
        }

        return values;
    }
}
