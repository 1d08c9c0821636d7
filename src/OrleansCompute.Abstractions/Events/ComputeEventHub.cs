using System.Collections.Immutable;

namespace OrleansCompute.Events;

/// <summary>
/// The in-process broadcast of one silo: every published event is offered to every current subscriber, without
/// waiting (grains publish under their commit gate). One server's events are published one after another by its
/// single activation, so each subscriber sees them in order.
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
