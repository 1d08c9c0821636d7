using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCompute.Catalog;
using OrleansCompute.Api.Aggregates;
using OrleansCompute.Api.Flavors;
using OrleansCompute.Flavors;

namespace OrleansCompute.Api.Operator;

/// <summary>
/// Keeps this process's <see cref="ComputeCatalog"/> equal to the operator's stores. Flavors: seeds the store with
/// the configured flavors (the store takes them on its first start only), then asks for the store's version every
/// <see cref="PollInterval"/> and reads the set again when it moved. Creates and resizes thus read flavors from
/// memory, never from a grain; a change made through another silo is seen here within one interval, and a change
/// made through this process at once (its endpoints apply the store's answer, see <see cref="FlavorStoreAnswer"/>).
/// Hosts: registers the configured ones (as a nova-compute registers its node when it starts; see
/// <see cref="HostConfigurationWatcher"/> for reloads), then follows the host registry's version the same way.
/// Host zones from aggregates: read again at every interval (a handful of aggregates).
/// </summary>
internal sealed partial class OperatorCatalogSync(ComputeCatalog catalog, IGrainFactory grains, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<OperatorCatalogSync> logger) : BackgroundService
{
    /// <summary>How stale another silo's flavor change may be here. Wall-clock cadence, not domain time.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    // Until the silo (or the gateway) answers, retry quickly: the catalog serves the configured flavors meanwhile.
    private static readonly TimeSpan StartRetry = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not while the host starts: the silo (or the gateway connection) is started by another hosted service, and
        // the application counts as started only once every hosted service has (the silo has reached its active
        // stage). Not while it stops either: the host stops the silo before this service (it was registered first),
        // so a poll in that window would fail and warn about a stop that is no fault. Stopping begins before any
        // hosted service is stopped, so it ends the polling first.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await WhenStartedAsync(running.Token);
            await SyncAsync(running.Token);
        }
        catch (Exception) when (running.IsCancellationRequested)
        {
            // The host stops: the wait was cancelled, or a poll in flight met the silo stopping.
        }
    }

    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (cancellationToken.Register(() => started.TrySetCanceled(cancellationToken)))
        {
            await started.Task;
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var store = grains.GetGrain<IFlavorStoreGrain>(IFlavorStoreGrain.Key);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                catalog.Apply(await store.SeedAsync([.. catalog.ConfiguredFlavors.Select(f => f.ToRecord())]));
                await HostRegistrations.RegisterAsync(grains, catalog, catalog.ConfiguredHosts, time.GetUtcNow());
                await AggregateZones.RefreshAsync(catalog, grains);
                break;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogNotYet(exception.GetType().Name);
                await Task.Delay(StartRetry, TimeProvider.System, cancellationToken);
            }
        }

        using var timer = new PeriodicTimer(PollInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                if (await store.GetVersionAsync() > catalog.FlavorVersion)
                {
                    catalog.Apply(await store.GetAsync());
                }

                await HostRegistrations.RefreshAsync(grains, catalog);

                await AggregateZones.RefreshAsync(catalog, grains);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogPollFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The flavor store is not reachable yet ({Reason}); serving the configured flavors")]
    private partial void LogNotYet(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the flavor store failed; the cached flavors stay in use")]
    private partial void LogPollFailed(Exception exception);
}
