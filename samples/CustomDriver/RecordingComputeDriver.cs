using System.Globalization;
using OrleansCompute.Driver;
using OrleansCompute.Servers;

namespace CustomDriver;

/// <summary>
/// A compute driver that drives no hypervisor: it records every operation it is asked for as one line
/// (<c>time operation server-id server-name</c>) in a file, and completes it at once. A real driver would call
/// libvirt, a cloud API or a bare-metal controller here, reporting progress as it goes.
/// </summary>
public sealed class RecordingComputeDriver(IConfiguration configuration) : IComputeDriver, IDisposable
{
    private readonly SemaphoreSlim _file = new(1, 1);
    private readonly string _path = Path.GetFullPath(configuration["Recording:File"] ?? "./driver-operations.log");

    public async Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(reportProgress);
        await RecordAsync($"{operation} {server.Id} {server.Name}", cancellationToken);
        reportProgress(100);
    }

    public Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken) =>
        Task.FromResult($"recorded by {nameof(RecordingComputeDriver)}\n");

    private async Task RecordAsync(string line, CancellationToken cancellationToken)
    {
        await _file.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            await File.AppendAllTextAsync(_path, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + " " + line + "\n", cancellationToken);
        }
        finally
        {
            _file.Release();
        }
    }

    public void Dispose() => _file.Dispose();
}
