using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCompute.Servers;

namespace OrleansCompute.Hosting;

/// <summary>Once the silo is up, wakes servers whose build or delete was in flight at the last stop.</summary>
internal sealed partial class InFlightServerResumeService(InFlightServerSweeper sweeper, ILogger<InFlightServerResumeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sweeper.ResumeAllAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogSweepFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming in-flight servers failed; they resume when next called")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
