using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansCompute.Servers;

namespace OrleansCompute.Driver;

/// <summary>
/// A compute driver without a hypervisor: each operation takes its configured time on the injected
/// <see cref="ComputeClock"/> (so tests drive it with a fake clock), reports progress, and fails when told to
/// (by configuration, by a server name marker, or by the server's metadata when <see cref="FakeDriverOptions.MetadataHooks"/> is on).
/// A forced live migration (<see cref="ForceCompleteLiveMigrationAsync"/>) skips the rest of its time at its next step.
/// </summary>
public sealed class FakeComputeDriver(IOptionsMonitor<FakeDriverOptions> options, ComputeClock clock) : IComputeDriver
{
    // The live migrations in flight on this silo, by server: completed when force_complete asks them to converge.
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _forced = new();

    public async Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var duration = DurationOf(current, operation, server);
        var steps = Math.Max(1, current.ProgressSteps);
        var forced = operation == DriverOperation.LiveMigrate ? _forced[server.Id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        try
        {
            if (duration > TimeSpan.Zero)
            {
                var step = duration / steps;
                for (var i = 1; i <= steps; i++)
                {
                    await StepAsync(step, forced, cancellationToken);
                    reportProgress(i * 100 / steps);
                }
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                reportProgress(100);
            }
        }
        finally
        {
            if (forced is not null)
            {
                _forced.TryRemove(KeyValuePair.Create(server.Id, forced));
            }
        }

        if (ShouldFail(current, operation, server))
        {
            throw new ComputeDriverException($"The fake driver was told to fail {operation} of server {server.Id}.");
        }
    }

    /// <summary>An operation with no duration (<see cref="FakeDriverOptions.Instant"/>, or configured so) simulates nothing that could be interrupted.</summary>
    public bool CompletesAtOnce(DriverOperation operation, ServerSnapshot server) =>
        operation != DriverOperation.LiveMigrate && DurationOf(options.CurrentValue, operation, server) == TimeSpan.Zero;

    public Task ForceCompleteLiveMigrationAsync(ServerSnapshot server, CancellationToken cancellationToken)
    {
        if (_forced.TryGetValue(server.Id, out var forced))
        {
            forced.TrySetResult();
        }

        return Task.CompletedTask;
    }

    /// <summary>One step of an operation's time; a forced live migration takes no more time.</summary>
    private async Task StepAsync(TimeSpan step, TaskCompletionSource? forced, CancellationToken cancellationToken)
    {
        if (forced is null)
        {
            await Task.Delay(step, clock.Time, cancellationToken);
            return;
        }

        if (!forced.Task.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(Task.Delay(step, clock.Time, stop.Token), forced.Task);
            await stop.CancelAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken)
    {
        var launched = (server.LaunchedAt ?? server.CreatedAt).UtcDateTime;
        var log = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"[    0.000000] Booting {server.InstanceName} ({server.Id}) on {server.Host}\n")
            .Append(CultureInfo.InvariantCulture, $"[    0.421337] Flavor {server.Flavor.Name}: {server.Flavor.Vcpus} vCPU, {server.Flavor.RamMb} MB RAM\n")
            .Append(CultureInfo.InvariantCulture, $"[    1.802716] cloud-init: hostname {server.Hostname}\n")
            .Append(CultureInfo.InvariantCulture, $"[    2.500000] launched at {launched:yyyy-MM-dd HH:mm:ss}\n")
            .Append(CultureInfo.InvariantCulture, $"{server.Hostname} login: ");
        foreach (var line in options.CurrentValue.ConsoleLines)
        {
            log.Append('\n').Append(line);
        }

        return Task.FromResult(log.ToString());
    }

    private static TimeSpan DurationOf(FakeDriverOptions options, DriverOperation operation, ServerSnapshot server)
    {
        if (!options.Instant && options.MetadataHooks
            && server.Metadata.TryGetValue(FakeDriverOptions.SecondsMetadataPrefix + operation, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return options.DurationOf(operation);
    }

    private static bool ShouldFail(FakeDriverOptions options, DriverOperation operation, ServerSnapshot server)
    {
        var name = operation.ToString();
        if (options.FailOperations.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (options.MetadataHooks && server.Metadata.TryGetValue(FakeDriverOptions.FailMetadataKey, out var failing)
            && failing.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return operation == DriverOperation.Spawn
            && options.FailureNameMarker.Length > 0
            && server.Name.Contains(options.FailureNameMarker, StringComparison.Ordinal);
    }
}
