using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// Runs Debian's real <c>openstack</c> and <c>nova</c> commands against the host. A missing client is a test
/// failure (tests/prerequisites.sh installs them), never a skip.
/// </summary>
public sealed class OpenStackCli(string cloudsYaml, string authUrl, string homeDirectory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary><c>openstack --os-cloud &lt;cloud&gt; args...</c>; throws with the client's output when it fails.</summary>
    public async Task<string> OpenStackAsync(string cloud, params string[] arguments)
    {
        var result = await TryOpenStackAsync(cloud, arguments);
        result.ExitCode.Should().Be(0, $"openstack {string.Join(' ', arguments)} should succeed:\n{result}");
        return result.Stdout;
    }

    public async Task<JsonNode> OpenStackJsonAsync(string cloud, params string[] arguments) =>
        JsonNode.Parse(JsonDocumentOf(await OpenStackAsync(cloud, [.. arguments, "-f", "json"])))!;

    /// <summary>
    /// The JSON document of a command's output. <c>server create --wait</c> first writes its progress line
    /// (<c>\rProgress: 50\rProgress: 100\n</c>) to stdout whenever the build is still running at its first poll,
    /// as users see it; the document starts on the first line that opens an object or an array.
    /// </summary>
    internal static string JsonDocumentOf(string stdout)
    {
        var lines = stdout.Split('\n');
        var first = Array.FindIndex(lines, line => line.TrimStart().StartsWith('{') || line.TrimStart().StartsWith('['));
        return first <= 0 ? stdout : string.Join('\n', lines[first..]);
    }

    public Task<CliResult> TryOpenStackAsync(string cloud, params string[] arguments) =>
        RunAsync("openstack", ["--os-cloud", cloud, .. arguments], new Dictionary<string, string>());

    /// <summary>novaclient's CLI has no --os-cloud: it takes the user from OS_* variables, as users run it.</summary>
    public async Task<string> NovaAsync(string user, string project, string password, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = authUrl,
            ["OS_USERNAME"] = user,
            ["OS_PASSWORD"] = password,
            ["OS_PROJECT_NAME"] = project,
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        };
        var result = await RunAsync("nova", arguments, environment);
        result.ExitCode.Should().Be(0, $"nova {string.Join(' ', arguments)} should succeed:\n{result}");
        return result.Stdout;
    }

    /// <summary>
    /// Runs an openstacksdk script (on stdin) with the interpreter the installed openstack CLI runs on, where
    /// openstacksdk is installed beside it; returns the script's last line of output.
    /// </summary>
    public async Task<string> SdkAsync(string script)
    {
        var cli = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(directory => Path.Combine(directory, "openstack")).FirstOrDefault(File.Exists);
        var shebang = cli is null ? "" : File.ReadLines(cli).FirstOrDefault() ?? "";
        var python = shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang[2..].Trim().Split(' ')[0] : "python3";
        var result = await RunAsync(python, ["-"], [], script);
        result.ExitCode.Should().Be(0, $"the openstacksdk script should succeed:\n{result}");
        return result.Stdout.Trim().Split('\n')[^1];
    }

    private async Task<CliResult> RunAsync(string program, string[] arguments, Dictionary<string, string> environment, string? input = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = homeDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OS_CLIENT_CONFIG_FILE"] = cloudsYaml;
        // A home of its own: no user-level clouds.yaml, cache or keyring of the machine leaks into the test.
        info.Environment["HOME"] = homeDirectory;
        info.Environment["PYTHONWARNINGS"] = "ignore";
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal) && k != "OS_CLIENT_CONFIG_FILE").ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The real client '{program}' is not installed: run tests/prerequisites.sh (it installs python3-openstackclient and python3-novaclient).", exception);
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
            }

            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
