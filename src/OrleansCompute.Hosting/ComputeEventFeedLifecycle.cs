using OrleansCompute.Events;

namespace OrleansCompute.Hosting;

/// <summary>
/// Starts the process's <see cref="ComputeEventStreamFeed"/> when the silo or client becomes active (before the host
/// reports started, so that a subscriber who subscribes once the host is up misses nothing), and stops it first.
/// </summary>
internal sealed class ComputeEventFeedLifecycle(ComputeEventStreamFeed feed) : ILifecycleParticipant<ISiloLifecycle>, ILifecycleParticipant<IClusterClientLifecycle>
{
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(nameof(ComputeEventStreamFeed), ServiceLifecycleStage.Active, feed.StartAsync, feed.StopAsync);

    public void Participate(IClusterClientLifecycle observer) =>
        observer.Subscribe(nameof(ComputeEventStreamFeed), ServiceLifecycleStage.Active, feed.StartAsync, feed.StopAsync);
}
