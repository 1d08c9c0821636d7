using Npgsql;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Persistence.Tests.Support;

/// <summary>
/// A schema of its own on the test PostgreSQL server (tests/run.sh starts one and exports its connection string),
/// reached through the connection's search path, so tests run in parallel without seeing each other's rows. The
/// schema is dropped on dispose. Without the variable the tests fail: PostgreSQL is a requirement, not an option.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "ORLEANSCOMPUTE_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string schema)
    {
        _adminConnectionString = adminConnectionString;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = schema }.ToString();
        Database = new PostgresComputeDatabase(ConnectionString);
    }

    public string Schema { get; }

    /// <summary>The server's connection string with this schema as the search path.</summary>
    public string ConnectionString { get; }

    public PostgresComputeDatabase Database { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {ConnectionStringVariable} (an Npgsql connection string). tests/run.sh starts a private " +
                "server and sets it; to run tests by hand: deploy/temp-postgres.sh start /tmp/oc-pg fast, then export the printed string.");

    public static async Task<PostgresTestDatabase> CreateAsync(bool ensureSchema = true)
    {
        var admin = ServerConnectionString;
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
            await command.ExecuteNonQueryAsync();
        }

        var database = new PostgresTestDatabase(admin, schema);
        if (ensureSchema)
        {
            await database.Database.EnsureSchemaAsync();
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;", connection);
        await command.ExecuteNonQueryAsync();
    }
}
