using System.Diagnostics;
using System.Text;

namespace OrleansCompute.Tests.Infrastructure;

/// <summary>
/// The real host as a child process on real ports: what a user runs. Tests talk to it over HTTP and can
/// stop it (gracefully or with SIGKILL) and start it again on the same data directory. It runs in noauth mode
/// (tokens <c>user:project</c>) unless the extra arguments choose a mode (<see cref="IdentityMode"/>).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _assemblyPath;
    private readonly string[] _extraArguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HostProcess(string? dataDirectory, params string[] extraArguments)
        : this(RepositoryPaths.HostAssembly, dataDirectory, extraArguments)
    {
    }

    /// <summary>Another program built on the public hosting API (a sample), started the same way.</summary>
    public HostProcess(string assemblyPath, string? dataDirectory, string[] extraArguments)
    {
        _assemblyPath = assemblyPath;
        DataDirectory = dataDirectory;
        _extraArguments = extraArguments;
        HttpPort = FreePort.Next();
        SiloPort = FreePort.Next();
        GatewayPort = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}");
    }

    /// <summary>The extra argument that runs the host with its built-in identity service (the product default).</summary>
    public const string IdentityMode = "--Compute:Auth:Mode=identity";

    /// <summary>The <c>--Compute:DataDirectory</c> given to the host; null: none, the host's default applies.</summary>
    public string? DataDirectory { get; }

    /// <summary>The directory the process starts in; null: beside the host assembly.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>A program (and its arguments) that runs <c>dotnet</c> for the host, e.g. nsenter into a namespace; empty: none.</summary>
    public IReadOnlyList<string> Launcher { get; init; } = [];

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The running process's id (what a fault tool attaches to); it stays the same unless the host is started again.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host was not started.");

    /// <summary>Whether the process started last has exited.</summary>
    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Time from process start until the first answered request.</summary>
    public TimeSpan LastStartupTime { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Launcher.Count > 0 ? Launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? Path.GetDirectoryName(_assemblyPath)!,
        };
        if (Launcher.Count > 0)
        {
            foreach (var argument in Launcher.Skip(1))
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(_assemblyPath);
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{HttpPort}");
        if (DataDirectory is not null)
        {
            info.ArgumentList.Add($"--Compute:DataDirectory={DataDirectory}");
        }

        info.ArgumentList.Add($"--Compute:SiloPort={SiloPort}");
        info.ArgumentList.Add($"--Compute:GatewayPort={GatewayPort}");
        if (!_extraArguments.Any(a => a.StartsWith("--Compute:Auth:Mode=", StringComparison.Ordinal)))
        {
            info.ArgumentList.Add("--Compute:Auth:Mode=noauth");
        }

        foreach (var argument in _extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        _process = Process.Start(info) ?? throw new InvalidOperationException("The host did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Eventually.Until(() => AnswersAsync(client), answered => answered, TimeSpan.FromSeconds(60), "the host answers HTTP");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The host did not answer within 60 s:\n{Output}");
        }

        LastStartupTime = stopwatch.Elapsed;
    }

    /// <summary>Whether the host answers its root document yet; a host that exited fails at once with its output.</summary>
    private async Task<bool> AnswersAsync(HttpClient client)
    {
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await client.GetAsync("/");
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public HttpClient CreateClient(string token = "demo:demo")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
