using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using OrleansCompute.Hosting;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Benchmarks;

/// <summary>
/// Issue 19's million servers, cluster mode: a fresh PostgreSQL database gets the schema and N servers over P
/// projects written straight into the server index with binary COPY (not through the API), then a silo with its
/// HTTP front starts on it and the list pages are timed (member: one project's detail, limit 1000; admin:
/// all_tenants with a status filter, default and name order), and each query's plan is printed (EXPLAIN ANALYZE).
/// </summary>
internal static class MillionServers
{
    private const int Batch = 50_000;

    public static async Task RunAsync(string connectionString, int servers, int projects, int requests, bool keep)
    {
        var database = "oc_million_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(connectionString);
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {database};");
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
        Console.Error.WriteLine($"database {database}");
        try
        {
            await using (var compute = new PostgresComputeDatabase(target))
            {
                await compute.EnsureSchemaAsync();
                var clock = Stopwatch.StartNew();
                var random = new Random(4242);
                var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
                for (var offset = 0; offset < servers; offset += Batch)
                {
                    var rows = Enumerable.Range(offset, Math.Min(Batch, servers - offset)).Select(i => IndexSeeder.Make(i, projects, random, start));
                    await PostgresServerBulkLoader.CopyAsync(compute.DataSource, rows);
                    Console.Error.WriteLine($"  {Math.Min(servers, offset + Batch)} rows, {clock.Elapsed.TotalSeconds:F0} s");
                }

                await ExecuteAsync(target, "ANALYZE compute_servers;");
                Console.WriteLine($"wrote {servers} servers over {projects} projects into the index in {clock.Elapsed.TotalSeconds:F1} s (binary COPY, batches of {Batch})");
                await PrintPlansAsync(compute.DataSource);
            }

            await TimeListsAsync(target, projects, requests);
        }
        finally
        {
            if (!keep)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
            }
        }
    }

    private static readonly (string Name, string Token, string Path, ServerQuery Query)[] Lists =
    [
        ("member: /servers/detail?limit=1000 (one project)", "user:" + IndexSeeder.Project(7), "/v2.1/servers/detail?limit=1000",
            new ServerQuery { ProjectId = IndexSeeder.Project(7), Limit = 1000 }),
        ("admin: /servers/detail all_tenants status=ERROR", "admin:admin", "/v2.1/servers/detail?all_tenants=1&status=ERROR&limit=1000",
            new ServerQuery { VmStates = ["error"], Limit = 1000 }),
        ("admin: /servers/detail all_tenants status=ACTIVE sort=name", "admin:admin", "/v2.1/servers/detail?all_tenants=1&status=ACTIVE&sort_key=display_name&sort_dir=asc&limit=1000",
            new ServerQuery { VmStates = ["active"], Sort = [new OrleansCompute.Indexing.SortKey("display_name", false)], Limit = 1000 }),
        ("admin: /servers/detail all_tenants (no filter)", "admin:admin", "/v2.1/servers/detail?all_tenants=1&limit=1000",
            new ServerQuery { Limit = 1000 }),
    ];

    /// <summary>The plan of each list's SQL, as the index builds it: an index walk with no sort step is what keeps p50 flat.</summary>
    private static async Task PrintPlansAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var (name, _, _, query) in Lists)
        {
            await using var command = connection.CreateCommand();
            ServerPageCommand.Build(command, PostgresIndexDialect.Instance, query, ServerOrdering.Resolve(query.Sort), null);
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText;
            Console.WriteLine($"plan of {name}:");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("    " + reader.GetString(0));
            }
        }
    }

    private static async Task TimeListsAsync(string connectionString, int projects, int requests)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(
        [
            $"--urls=http://127.0.0.1:{port}", "--Compute:Mode=cluster", $"--ConnectionStrings:Compute={connectionString}",
            "--Compute:Auth:Mode=noauth", "--Compute:AdvertisedAddress=127.0.0.1",
            $"--Compute:SiloPort={FreePort()}", $"--Compute:GatewayPort={FreePort()}", "--Logging:LogLevel:Default=Warning",
            $"--Compute:DataDirectory={Path.Combine(Path.GetTempPath(), "oc-million-" + Guid.NewGuid().ToString("N"))}",
        ]);
        builder.AddOrleansCompute();
        await using var app = builder.Build();
        app.MapOrleansCompute();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        Console.WriteLine($"| list (1,000,000 servers, {projects} projects) | items | p50 ms | p90 ms | min ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, token, path, _) in Lists)
        {
            var (items, samples) = await ListTimer.MeasureAsync(http, token, path, warmups: 3, requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {items} | {samples[samples.Count / 2]:F1} | {samples[(int)(samples.Count * 0.9)]:F1} | {samples[0]:F1} | {samples[^1]:F1} |"));
        }

        await app.StopAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
