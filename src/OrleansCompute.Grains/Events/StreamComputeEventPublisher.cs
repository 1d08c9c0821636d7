using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace OrleansCompute.Events;

/// <summary>
/// The silo's outbox of lifecycle events: server grains hand their events over here and it puts them on the
/// cluster-wide streams (<see cref="ComputeEventStreamNames"/>).
/// </summary>
/// <remarks>
/// Why an outbox and not an awaited publish in the grain: a grain publishes under its commit, often from a
/// property setter, and a stream write is a grain call to the stream's queue that can take up to the Orleans
/// response timeout when a silo is slow or gone. Awaiting it would hold the server's state machine, and failing it
/// would fail a change that is already stored. So <see cref="Publish"/> only queues (never blocks, never throws);
/// one pump per partition then writes that partition's events one batch after another, awaiting each write, which
/// keeps one server's events in order (a server always maps to one partition, and its single activation queues
/// them in order). A write that fails is logged and its events are dropped: delivery is at most once, like
/// Nova's notifications on a bus without persistence. A partition more than <see cref="Capacity"/> events behind
/// drops new events (logged) rather than grow without bound.
/// Without the stream provider (a silo set up by hand, without <c>AddMemoryStreams</c>), events go straight to this
/// process's <see cref="ComputeEventHub"/>: subscribers then see the servers of their own silo only.
/// </remarks>
public sealed partial class StreamComputeEventPublisher : IComputeEventPublisher, IAsyncDisposable
{
    /// <summary>Events one partition may hold before new ones are dropped.</summary>
    public const int Capacity = 10_000;

    /// <summary>Events written to the stream in one call at most.</summary>
    private const int MaxBatch = 64;

    private readonly Channel<InstanceNotification>[] _partitions = new Channel<InstanceNotification>[ComputeEventStreamNames.Partitions];
    private readonly Task[] _pumps = new Task[ComputeEventStreamNames.Partitions];
    private readonly IServiceProvider _services;
    private readonly ComputeEventHub _localHub;
    private readonly ILogger<StreamComputeEventPublisher> _logger;
    private readonly Lazy<IStreamProvider?> _provider;
    private long _dropped;

    public StreamComputeEventPublisher(IServiceProvider services, ComputeEventHub localHub, ILogger<StreamComputeEventPublisher> logger)
    {
        _services = services;
        _localHub = localHub;
        _logger = logger;
        _provider = new Lazy<IStreamProvider?>(ResolveProvider);
        for (var partition = 0; partition < _partitions.Length; partition++)
        {
            _partitions[partition] = Channel.CreateBounded<InstanceNotification>(new BoundedChannelOptions(Capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            var number = partition;
            _pumps[partition] = Task.Run(() => PumpAsync(number));
        }
    }

    /// <summary>Events dropped so far because a partition was full or a stream write failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(InstanceNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var partition = ComputeEventStreamNames.PartitionOf(notification.Instance.Id);
        if (!_partitions[partition].Writer.TryWrite(notification))
        {
            CountDropped(1, partition, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        // Whatever is queued gets a short chance to go out; a stopping silo must not hang on a dead stream.
        await Task.WhenAll(_pumps).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PumpAsync(int partition)
    {
        var reader = _partitions[partition].Reader;
        var batch = new List<InstanceNotification>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var notification))
            {
                batch.Add(notification);
            }

            await SendAsync(partition, batch);
            batch.Clear();
        }
    }

    private async Task SendAsync(int partition, List<InstanceNotification> batch)
    {
        try
        {
            if (_provider.Value is not { } provider)
            {
                foreach (var notification in batch)
                {
                    _localHub.Publish(notification);
                }

                return;
            }

            var stream = provider.GetStream<InstanceNotification>(ComputeEventStreamNames.Stream(partition));
            await stream.OnNextBatchAsync(batch);
        }
        catch (Exception exception)
        {
            CountDropped(batch.Count, partition, exception);
        }
    }

    private IStreamProvider? ResolveProvider()
    {
        var provider = _services.GetKeyedService<IStreamProvider>(ComputeEventStreamNames.Provider);
        if (provider is null)
        {
            LogNoStreamProvider(ComputeEventStreamNames.Provider);
        }

        return provider;
    }

    private void CountDropped(int count, int partition, Exception? exception)
    {
        var total = Interlocked.Add(ref _dropped, count);
        // The first drop, and then one line per thousand, so that a dead stream does not flood the log.
        if (exception is not null || total == count || total / 1000 != (total - count) / 1000)
        {
            LogDropped(exception, count, partition, total);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No stream provider '{Provider}' is registered: lifecycle events stay in this process (subscribers see this silo's servers only).")]
    private partial void LogNoStreamProvider(string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} lifecycle event(s) of partition {Partition} ({Total} dropped so far).")]
    private partial void LogDropped(Exception? exception, int count, int partition, long total);
}
