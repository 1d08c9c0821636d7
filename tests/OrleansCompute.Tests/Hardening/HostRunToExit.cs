using System.Diagnostics;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>Runs the real host on a data directory for a start that is expected to be refused, and collects how it ended.</summary>
internal static class HostRunToExit
{
    public sealed record Outcome(int? ExitCode, string StandardOutput, string StandardError);

    /// <summary>The exit code and output; a host that still runs after <paramref name="timeout"/> is killed and has no exit code.</summary>
    public static async Task<Outcome> RunAsync(string dataDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.HostAssembly)!,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{FreePort.Next()}");
        info.ArgumentList.Add($"--Compute:DataDirectory={dataDirectory}");
        info.ArgumentList.Add($"--Compute:SiloPort={FreePort.Next()}");
        info.ArgumentList.Add($"--Compute:GatewayPort={FreePort.Next()}");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Outcome(null, await output, await error);
        }

        return new Outcome(process.ExitCode, await output, await error);
    }
}
