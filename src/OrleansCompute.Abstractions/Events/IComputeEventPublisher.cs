namespace OrleansCompute.Events;

/// <summary>The seam where server grains hand over their events once a change is committed. Must not block.</summary>
public interface IComputeEventPublisher
{
    void Publish(InstanceNotification notification);
}
