using System.Diagnostics;
using System.Text;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// deploy/local-cluster.sh driven from a test, exactly as an operator drives it: up, kill, stop, start, down. The
/// state directory is a fresh temporary one; the silos run the host built with the tests. Without a connection
/// string the script starts (and on down removes) its own PostgreSQL.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string? _connectionString;
    private bool _up;

    public LocalCluster(string? connectionString = null) => _connectionString = connectionString;

    /// <summary>The script's state directory (silo logs, ports, its PostgreSQL when it started one).</summary>
    public string StateDirectory => Path.Combine(_directory.Path, "cluster");

    /// <summary>The silos' HTTP base URLs, silo 1 first.</summary>
    public IReadOnlyList<Uri> Urls { get; private set; } = [];

    /// <summary>The HTTP fronts' base URLs (<c>up --fronts M</c>), front 1 first.</summary>
    public IReadOnlyList<Uri> FrontUrls { get; private set; } = [];

    public Task<IReadOnlyList<Uri>> UpAsync(int silos, params string[] hostArguments) => UpAsync(silos, 0, hostArguments);

    /// <summary><c>up --silos N --fronts M</c>; returns the silos' URLs (<see cref="FrontUrls"/> has the fronts').</summary>
    public async Task<IReadOnlyList<Uri>> UpAsync(int silos, int fronts, params string[] hostArguments)
    {
        _up = true;
        // The tests speak noauth (the token is user:project), as HostProcess's hosts do, unless they say otherwise.
        string[] auth = hostArguments.Any(a => a.StartsWith("--Compute:Auth:Mode=", StringComparison.Ordinal)) ? [] : ["--Compute:Auth:Mode=noauth"];
        var output = await RunAsync(["up", "--silos", Index(silos), "--fronts", Index(fronts), "--", .. auth, .. hostArguments]);
        var urls = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => new Uri(line)).ToList();
        Urls = urls[..silos];
        FrontUrls = urls[silos..];
        return Urls;
    }

    /// <summary>The data directory of a node (<c>silo</c> or <c>front</c>, 1-based), where it writes clouds.yaml.</summary>
    public string DataDirectory(string kind, int node) => Path.Combine(StateDirectory, $"data-{kind}-{Index(node)}");

    /// <summary>SIGKILL of silo <paramref name="silo"/> (1-based).</summary>
    public Task KillAsync(int silo) => RunAsync(["kill", Index(silo)]);

    /// <summary>SIGTERM of silo <paramref name="silo"/>, waiting for it to exit.</summary>
    public Task StopAsync(int silo) => RunAsync(["stop", Index(silo)]);

    /// <summary>Starts silo <paramref name="silo"/> again and waits until it is ready.</summary>
    public Task StartAsync(int silo) => RunAsync(["start", Index(silo)]);

    /// <summary>Stops the cluster's own PostgreSQL (one it started: no connection string given), keeping its data: an outage.</summary>
    public Task StopDatabaseAsync() => RunScriptAsync("temp-postgres.sh", ["pause", Path.Combine(StateDirectory, "postgres")]);

    /// <summary>Starts the cluster's own PostgreSQL again on its port after <see cref="StopDatabaseAsync"/>.</summary>
    public Task StartDatabaseAsync() => RunScriptAsync("temp-postgres.sh", ["resume", Path.Combine(StateDirectory, "postgres")]);

    public Task DownAsync()
    {
        _up = false;
        return RunAsync(["down"]);
    }

    /// <summary>The silo-to-silo port of silo <paramref name="silo"/>, from the script's state.</summary>
    public int SiloPort(int silo)
    {
        var line = File.ReadAllLines(Path.Combine(StateDirectory, $"silo-{silo}.env")).Single(l => l.StartsWith("SILO_PORT=", StringComparison.Ordinal));
        return int.Parse(line["SILO_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every silo's log, for failure messages.</summary>
    public string Logs()
    {
        if (!Directory.Exists(StateDirectory))
        {
            return "(no state directory)";
        }

        var text = new StringBuilder();
        foreach (var log in Directory.GetFiles(StateDirectory, "*.log").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(log);
            text.AppendLine("==== " + Path.GetFileName(log)).AppendJoin('\n', lines.TakeLast(60)).AppendLine();
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_up)
        {
            await DownAsync();
        }

        _directory.Dispose();
    }

    private static string Index(int silo) => silo.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<string> RunAsync(string[] arguments) => RunScriptAsync("local-cluster.sh", arguments);

    private async Task<string> RunScriptAsync(string script, string[] arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "deploy", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OC_CLUSTER_DIR"] = StateDirectory;
        info.Environment["OC_HOST_DLL"] = RepositoryPaths.HostAssembly;
        info.Environment.Remove("ConnectionStrings__Compute");
        if (_connectionString is not null)
        {
            info.Environment["ConnectionStrings__Compute"] = _connectionString;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stderr}\n{Logs()}");
        }

        return await stdout;
    }
}
