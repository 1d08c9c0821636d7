using Microsoft.Extensions.Options;
using OrleansCompute.Servers;

namespace OrleansCompute.Driver;

/// <summary>
/// A compute driver without a hypervisor: each operation takes its configured time on the injected
/// <see cref="ComputeClock"/> (so tests drive it with a fake clock), reports progress, and fails when told to.
/// </summary>
public sealed class FakeComputeDriver(IOptionsMonitor<FakeDriverOptions> options, ComputeClock clock) : IComputeDriver
{
    public async Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var duration = current.DurationOf(operation);
        var steps = Math.Max(1, current.ProgressSteps);
        if (duration > TimeSpan.Zero)
        {
            var step = duration / steps;
            for (var i = 1; i <= steps; i++)
            {
                await Task.Delay(step, clock.Time, cancellationToken);
                reportProgress(i * 100 / steps);
            }
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            reportProgress(100);
        }

        if (ShouldFail(current, operation, server))
        {
            throw new ComputeDriverException($"The fake driver was told to fail {operation} of server {server.Id}.");
        }
    }

    private static bool ShouldFail(FakeDriverOptions options, DriverOperation operation, ServerSnapshot server)
    {
        if (options.FailOperations.Contains(operation.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return operation == DriverOperation.Spawn
            && options.FailureNameMarker.Length > 0
            && server.Name.Contains(options.FailureNameMarker, StringComparison.Ordinal);
    }
}
