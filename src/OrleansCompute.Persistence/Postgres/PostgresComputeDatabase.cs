using Npgsql;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// The PostgreSQL database of OrleansCompute (cluster mode): Orleans membership, grain state, reminders and the
/// server index. Pass <see cref="ConnectionString"/> with <see cref="OrleansInvariant"/> to Orleans' ADO.NET
/// providers; create the schema once with <see cref="EnsureSchemaAsync"/> (the host's <c>init-db</c>).
/// </summary>
public sealed class PostgresComputeDatabase : IAsyncDisposable
{
    /// <summary>The ADO.NET invariant under which Orleans loads Npgsql.</summary>
    public const string OrleansInvariant = "Npgsql";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresComputeDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The Npgsql connection string, as configured.</summary>
    public string ConnectionString { get; }

    /// <summary>Pooled connections for the server index and health checks.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Creates or updates the schema; safe to run again, and from several processes at once.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        PostgresSchema.EnsureAsync(_dataSource, cancellationToken);

    /// <summary>
    /// The OrleansQuery keys this release needs that the database lacks: all of them when the schema was never
    /// created. A silo checks this before it starts, to say "run init-db" instead of Orleans' own less direct error.
    /// </summary>
    public Task<IReadOnlyList<string>> MissingQueryKeysAsync(CancellationToken cancellationToken = default) =>
        PostgresSchema.MissingQueryKeysAsync(_dataSource, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
