using OrleansCompute.Servers;

namespace OrleansCompute.Driver;

/// <summary>
/// The seam where a hypervisor plugs in. The ServerGrain calls it for every operation that touches the
/// (virtual) machine and applies the state transition when it completes. A failure is a thrown
/// <see cref="ComputeDriverException"/>.
/// </summary>
public interface IComputeDriver
{
    /// <summary>Carries out one operation; reports progress (0-100) while it runs.</summary>
    Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken);

    /// <summary>The machine's console log (Nova's <c>get_console_output</c>).</summary>
    Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken);
}
