using System.Collections.Immutable;

namespace OrleansCompute.Events;

/// <summary>
/// The in-process broadcast of one process (a silo or a client-tier front): every event handed to it is offered to
/// every current subscriber, without waiting. In a silo or client it is fed by the process's subscription to the
/// cluster-wide event streams, which hand over one server's events one after another, so each subscriber sees them
/// in order.
/// </summary>
public sealed class ComputeEventHub : IComputeEvents, IComputeEventPublisher
{
    private ImmutableArray<ComputeEventSubscription> _subscribers = [];

    public ComputeEventSubscription Subscribe(int capacity = 10_000)
    {
        var subscription = new ComputeEventSubscription(capacity, Remove);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
        return subscription;
    }

    public void Publish(InstanceNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(notification);
        }
    }

    private void Remove(ComputeEventSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscription));
}
