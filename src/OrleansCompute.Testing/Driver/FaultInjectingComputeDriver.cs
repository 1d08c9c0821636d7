using OrleansCompute.Driver;
using OrleansCompute.Servers;

namespace OrleansCompute.Testing.Driver;

/// <summary>Wraps the real (fake or product) driver: applies <see cref="DriverFaults"/> before handing the operation on.</summary>
internal sealed class FaultInjectingComputeDriver(IComputeDriver inner, DriverFaults faults, ComputeClock clock) : IComputeDriver
{
    public async Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
    {
        var fault = faults.Take(operation, server);
        if (fault is null)
        {
            await inner.ExecuteAsync(operation, server, reportProgress, cancellationToken);
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, clock.Time, cancellationToken);
        }

        if (fault.Fail)
        {
            throw new ComputeDriverException($"Injected fault: {operation} of server {server.Id} fails.");
        }

        await inner.ExecuteAsync(operation, server, reportProgress, cancellationToken);
    }

    public Task ForceCompleteLiveMigrationAsync(ServerSnapshot server, CancellationToken cancellationToken) =>
        inner.ForceCompleteLiveMigrationAsync(server, cancellationToken);

    public Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken) =>
        inner.GetConsoleOutputAsync(server, cancellationToken);
}
