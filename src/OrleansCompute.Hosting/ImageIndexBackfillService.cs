using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCompute.Images;

namespace OrleansCompute.Hosting;

/// <summary>
/// Once the silo is up, has the image directory of earlier releases write the index rows of the images it knows
/// (once per cluster: the directory grain remembers it did), so images made before the image index still list.
/// </summary>
internal sealed partial class ImageIndexBackfillService(IGrainFactory grains, ILogger<ImageIndexBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<IImageDirectoryGrain>(ImageDirectories.All).BackfillIndexAsync().WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogBackfillFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Backfilling the image index from the image directory failed; it is tried again at the next start")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);
}
