using Npgsql;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// A schema of its own on the test PostgreSQL server that tests/run.sh starts (its connection string is in
/// ORLEANSCOMPUTE_TEST_POSTGRES), reached through the search path; dropped on dispose. Without the variable the
/// cluster tests fail, they never skip: PostgreSQL is what they are about.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "ORLEANSCOMPUTE_TEST_POSTGRES";

    private readonly string _server;

    private ClusterDatabase(string server, string schema)
    {
        _server = server;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }

    public string Schema { get; }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Cluster tests need {ConnectionStringVariable} (an Npgsql connection string); tests/run.sh starts PostgreSQL and sets it.");
        var schema = "c_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE SCHEMA {schema};");
        return new ClusterDatabase(server, schema);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE;");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
