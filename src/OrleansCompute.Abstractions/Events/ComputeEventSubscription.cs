using System.Threading.Channels;

namespace OrleansCompute.Events;

/// <summary>One subscriber's queue of events. Dispose it to unsubscribe.</summary>
public sealed class ComputeEventSubscription : IDisposable
{
    private readonly Channel<InstanceNotification> _channel;
    private readonly Action<ComputeEventSubscription> _unsubscribe;
    private int _disposed;

    internal ComputeEventSubscription(int capacity, Action<ComputeEventSubscription> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<InstanceNotification>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _unsubscribe = unsubscribe;
    }

    /// <summary>The events, in order; completes when the subscription ends.</summary>
    public ChannelReader<InstanceNotification> Reader => _channel.Reader;

    /// <summary>The events as an async stream.</summary>
    public IAsyncEnumerable<InstanceNotification> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Queues an event without waiting; a full queue ends the subscription.</summary>
    internal void Offer(InstanceNotification notification)
    {
        if (!_channel.Writer.TryWrite(notification) && Volatile.Read(ref _disposed) == 0)
        {
            _channel.Writer.TryComplete(new ComputeEventsOverflowException());
            Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
