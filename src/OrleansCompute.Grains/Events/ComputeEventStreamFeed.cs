using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;

namespace OrleansCompute.Events;

/// <summary>
/// Feeds this process's <see cref="ComputeEventHub"/> from the cluster-wide event streams: one subscription per
/// partition for the whole process (a silo, or a client-tier front), however many local subscribers read the hub.
/// The streams deliver one partition's events one after another, so the hub sees each server's events in order.
/// </summary>
public sealed partial class ComputeEventStreamFeed : IAsyncObserver<InstanceNotification>
{
    private readonly IServiceProvider _services;
    private readonly ComputeEventHub _hub;
    private readonly ILogger<ComputeEventStreamFeed> _logger;
    private const int SubscribeAttempts = 6;

    private readonly List<StreamSubscriptionHandle<InstanceNotification>> _subscriptions = [];

    public ComputeEventStreamFeed(IServiceProvider services, ComputeEventHub hub, ILogger<ComputeEventStreamFeed> logger)
    {
        _services = services;
        _hub = hub;
        _logger = logger;
    }

    /// <summary>Subscribes to every partition. Runs once the silo or client is up, before it reports started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = _services.GetKeyedService<IStreamProvider>(ComputeEventStreamNames.Provider);
        if (provider is null)
        {
            return;
        }

        for (var partition = 0; partition < ComputeEventStreamNames.Partitions; partition++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stream = provider.GetStream<InstanceNotification>(ComputeEventStreamNames.Stream(partition));
            _subscriptions.Add(await SubscribeAsync(stream, cancellationToken));
        }

        LogSubscribed(ComputeEventStreamNames.Partitions);
    }

    /// <summary>
    /// A subscription is a write of the stream's rendezvous grain. While a silo joins, that grain can briefly have two
    /// activations (membership still settling), and the write of the stale one fails with a version conflict; the
    /// failed activation goes away, so the next try meets one that read the current state. Without the retry the
    /// conflict ended the joining silo's start (seen in the cluster-kill test on a loaded machine).
    /// </summary>
    private async Task<StreamSubscriptionHandle<InstanceNotification>> SubscribeAsync(IAsyncStream<InstanceNotification> stream, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await stream.SubscribeAsync(this);
            }
            catch (InconsistentStateException exception) when (attempt < SubscribeAttempts)
            {
                LogSubscribeConflict(exception, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Ends the subscriptions, so that the streams stop delivering to a process that is going away.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A stopping cluster may already be gone; the stream drops a dead subscriber on its own.
                LogUnsubscribeFailed(exception);
            }
        }

        _subscriptions.Clear();
    }

    public Task OnNextAsync(InstanceNotification item, StreamSequenceToken? token = null)
    {
        _hub.Publish(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to a lifecycle event stream met a version conflict (attempt {Attempt}); trying again")]
    private partial void LogSubscribeConflict(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to the lifecycle event streams ({Partitions} partitions).")]
    private partial void LogSubscribed(int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe from a lifecycle event stream.")]
    private partial void LogUnsubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lifecycle event stream reported an error.")]
    private partial void LogStreamError(Exception exception);
}
