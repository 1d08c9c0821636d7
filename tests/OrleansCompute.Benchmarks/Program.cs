using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansCompute.Benchmarks;
using OrleansCompute.Hosting;
using OrleansCompute.Persistence.Sqlite;

// A bounded load generator for the list endpoints. For each size it seeds a fresh embedded database, starts the
// real host in this process on free ports, warms up, then sends each scenario's request sequentially and reports
// the latency distribution of whole HTTP round trips (status and body read included).
//
//   dotnet run -c Release --project tests/OrleansCompute.Benchmarks -- [--sizes 1000,10000,100000] [--projects 100] [--requests 40]
// The million servers (issue 19), cluster mode on PostgreSQL (a fresh database on that server, dropped afterwards):
//   dotnet run -c Release --project tests/OrleansCompute.Benchmarks -- --million 1000000 --projects 1000 --postgres "<Npgsql connection string>" [--keep]
if (Array.IndexOf(args, "--million") >= 0)
{
    await MillionServers.RunAsync(Option("--postgres", Environment.GetEnvironmentVariable("ORLEANSCOMPUTE_TEST_POSTGRES") ?? ""),
        int.Parse(Option("--million", "1000000"), CultureInfo.InvariantCulture), int.Parse(Option("--projects", "1000"), CultureInfo.InvariantCulture),
        int.Parse(Option("--requests", "40"), CultureInfo.InvariantCulture), Array.IndexOf(args, "--keep") >= 0);
    return;
}

var sizes = Option("--sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var projects = int.Parse(Option("--projects", "100"), CultureInfo.InvariantCulture);
var requests = int.Parse(Option("--requests", "40"), CultureInfo.InvariantCulture);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"{"servers",8} | {"scenario",-58} | {"items",5} | {"median ms",9} | {"p90 ms",7} | {"min ms",7} | {"max ms",7}");
foreach (var size in sizes)
{
    var directory = Path.Combine(Path.GetTempPath(), "oc-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        await using (var database = new SqliteComputeDatabase(Path.Combine(directory, "compute.db")))
        {
            await database.EnsureSchemaAsync();
            var seeding = Stopwatch.StartNew();
            await IndexSeeder.SeedAsync(database, size, projects);
            Console.Error.WriteLine($"seeded {size} servers in {seeding.Elapsed.TotalSeconds:F1} s");
        }

        await RunAsync(directory, size);
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

async Task RunAsync(string directory, int size)
{
    var port = FreePort();
    var builder = WebApplication.CreateBuilder(
    [
        $"--urls=http://127.0.0.1:{port}", $"--Compute:DataDirectory={directory}", "--Compute:Auth:Mode=noauth",
        $"--Compute:SiloPort={FreePort()}", $"--Compute:GatewayPort={FreePort()}", "--Logging:LogLevel:Default=Warning",
    ]);
    builder.AddOrleansCompute();
    await using var app = builder.Build();
    app.MapOrleansCompute();
    await app.StartAsync();

    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    var project = IndexSeeder.Project(7);
    (string Name, string Token, string Path)[] scenarios =
    [
        ("member: /servers/detail?limit=1000 (one project)", $"user:{project}", "/v2.1/servers/detail?limit=1000"),
        ("admin: /servers/detail all_tenants status=ACTIVE sort=name", "admin:admin", "/v2.1/servers/detail?all_tenants=1&status=ACTIVE&sort_key=display_name&sort_dir=asc&limit=1000"),
        ("admin: /servers all_tenants status=SHUTOFF sort=updated", "admin:admin", "/v2.1/servers?all_tenants=1&status=SHUTOFF&sort_key=updated_at&limit=1000"),
        ("admin: /servers/detail all_tenants status=ERROR (default sort)", "admin:admin", "/v2.1/servers/detail?all_tenants=1&status=ERROR&limit=1000"),
    ];

    foreach (var (name, token, path) in scenarios)
    {
        var (items, samples) = await ListTimer.MeasureAsync(http, token, path, warmups: 5, requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,8} | {name,-58} | {items,5} | {samples[samples.Count / 2],9:F1} | {samples[(int)(samples.Count * 0.9)],7:F1} | {samples[0],7:F1} | {samples[^1],7:F1}"));
    }

    await app.StopAsync();
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
