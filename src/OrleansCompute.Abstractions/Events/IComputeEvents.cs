namespace OrleansCompute.Events;

/// <summary>
/// The subscription API of lifecycle events, for a product that embeds the control plane (resolve it in a silo or in
/// a client-tier process). Events of one server arrive in the order they happened. Delivery is cluster-wide: a
/// subscriber sees the events of every server, whichever silo runs it; at most once (a silo crash loses the events
/// queued on it).
/// </summary>
public interface IComputeEvents
{
    /// <summary>
    /// Starts receiving events from now on. Dispose the subscription to stop. A subscriber that falls more than
    /// <paramref name="capacity"/> events behind is ended (its reader completes with
    /// <see cref="ComputeEventsOverflowException"/>) rather than slowing the servers down or losing events silently.
    /// </summary>
    ComputeEventSubscription Subscribe(int capacity = 10_000);
}
