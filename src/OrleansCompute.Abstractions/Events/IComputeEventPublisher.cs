namespace OrleansCompute.Events;

/// <summary>
/// The seam where server grains hand over their events once a change is committed. Must not block and must not throw:
/// the grain calls it inside its state machine (a silo's implementation queues the event for the event streams).
/// </summary>
public interface IComputeEventPublisher
{
    void Publish(InstanceNotification notification);
}
