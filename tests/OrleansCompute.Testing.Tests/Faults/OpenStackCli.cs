using System.Diagnostics;

namespace OrleansCompute.Testing.Tests.Faults;

/// <summary>Runs the openstack CLI against a test host, with the host's clouds.yaml and nothing else from the environment's OS_* settings.</summary>
internal static class OpenStackCli
{
    public static async Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> RunAsync(ComputeTestHost compute, params string[] arguments)
    {
        var start = new ProcessStartInfo("openstack") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in compute.OpenStackEnvironment)
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error, watch.Elapsed);
    }
}
