using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCompute.Events;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Events;

public sealed class StreamComputeEventPublisherTests
{
    [Fact]
    public async Task Without_the_stream_provider_events_reach_the_local_hub_in_order_and_publishing_never_waits()
    {
        var hub = new ComputeEventHub();
        using var subscription = hub.Subscribe();
        await using var publisher = new StreamComputeEventPublisher(new ServiceCollection().BuildServiceProvider(), hub, NullLogger<StreamComputeEventPublisher>.Instance);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        for (var revision = 1; revision <= 200; revision++)
        {
            publisher.Publish(Notification(first, revision));
            publisher.Publish(Notification(second, revision));
        }

        var received = new List<InstanceNotification>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var notification in subscription.ReadAllAsync(deadline.Token))
        {
            received.Add(notification);
            if (received.Count == 400)
            {
                break;
            }
        }

        received.Where(n => n.Instance.Id == first).Select(n => n.Sequence).Should().Equal(Enumerable.Range(1, 200).Select(i => (long)i));
        received.Where(n => n.Instance.Id == second).Select(n => n.Sequence).Should().Equal(Enumerable.Range(1, 200).Select(i => (long)i));
        publisher.Dropped.Should().Be(0);
    }

    private static InstanceNotification Notification(Guid server, long revision) => new()
    {
        EventType = "instance.update",
        Priority = "INFO",
        PublisherId = "nova-compute:test",
        Timestamp = DateTimeOffset.UnixEpoch,
        MessageId = Guid.NewGuid(),
        Instance = new ServerSnapshot
        {
            Id = server,
            ProjectId = "demo",
            UserId = "demo",
            Name = "vm",
            ImageRef = "image",
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            VmState = VmState.Active,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            InstanceName = "instance-1",
            Hostname = "vm",
            ReservationId = "r-1",
            Revision = revision,
        },
    };
}
