using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;
using OrleansCompute.Events;

namespace OrleansCompute.Tests.Events;

/// <summary>
/// A joining silo subscribes to every event partition before it reports started; a version conflict of a stream's
/// rendezvous grain (two activations while membership settles) once ended the silo's start. It is tried again now,
/// and only a conflict that does not go away fails the start.
/// </summary>
public sealed class EventStreamFeedStartTests
{
    [Fact]
    public async Task A_version_conflict_while_subscribing_is_tried_again_and_every_partition_is_subscribed()
    {
        var streams = new ConflictingStreams(conflictsPerStream: 2);
        var feed = Feed(streams);

        await feed.StartAsync(CancellationToken.None);

        streams.Subscribed.Should().HaveCount(ComputeEventStreamNames.Partitions).And.OnlyHaveUniqueItems();
        streams.Attempts.Should().Be(3 * ComputeEventStreamNames.Partitions, "each partition met two conflicts before it subscribed");
    }

    [Fact]
    public async Task A_conflict_that_does_not_go_away_fails_the_start()
    {
        var feed = Feed(new ConflictingStreams(conflictsPerStream: int.MaxValue));

        await feed.Invoking(f => f.StartAsync(CancellationToken.None)).Should().ThrowAsync<InconsistentStateException>();
    }

    private static ComputeEventStreamFeed Feed(ConflictingStreams streams)
    {
        var services = new ServiceCollection()
            .AddKeyedSingleton(ComputeEventStreamNames.Provider, streams.Provider)
            .BuildServiceProvider();
        return new ComputeEventStreamFeed(services, new ComputeEventHub(), NullLogger<ComputeEventStreamFeed>.Instance);
    }

    /// <summary>A stream provider whose streams fail their first subscriptions with a version conflict.</summary>
    private sealed class ConflictingStreams(int conflictsPerStream)
    {
        private readonly Dictionary<StreamId, int> _conflicts = [];

        public IStreamProvider Provider => ProxyOf<IStreamProvider>((method, args) =>
            method.Name == nameof(IStreamProvider.GetStream) ? Stream((StreamId)args[0]!) : throw new NotSupportedException(method.Name));

        public List<StreamId> Subscribed { get; } = [];

        public int Attempts { get; private set; }

        private IAsyncStream<InstanceNotification> Stream(StreamId id) => ProxyOf<IAsyncStream<InstanceNotification>>((method, _) =>
        {
            if (method.Name != "SubscribeAsync")
            {
                throw new NotSupportedException(method.Name);
            }

            Attempts++;
            var conflicts = _conflicts.GetValueOrDefault(id);
            if (conflicts < conflictsPerStream)
            {
                _conflicts[id] = conflicts + 1;
                return Task.FromException<StreamSubscriptionHandle<InstanceNotification>>(
                    new InconsistentStateException("Version conflict (WriteState)", "2", "1"));
            }

            Subscribed.Add(id);
            return Task.FromResult<StreamSubscriptionHandle<InstanceNotification>>(new Handle(id));
        });
    }

    private sealed class Handle(StreamId id) : StreamSubscriptionHandle<InstanceNotification>
    {
        public override StreamId StreamId => id;

        public override string ProviderName => ComputeEventStreamNames.Provider;

        public override Guid HandleId { get; } = Guid.NewGuid();

        public override Task UnsubscribeAsync() => Task.CompletedTask;

        public override Task<StreamSubscriptionHandle<InstanceNotification>> ResumeAsync(IAsyncObserver<InstanceNotification> observer, StreamSequenceToken? token = null) =>
            Task.FromResult<StreamSubscriptionHandle<InstanceNotification>>(this);

        public override Task<StreamSubscriptionHandle<InstanceNotification>> ResumeAsync(IAsyncBatchObserver<InstanceNotification> observer, StreamSequenceToken? token = null) =>
            Task.FromResult<StreamSubscriptionHandle<InstanceNotification>>(this);

        public override bool Equals(StreamSubscriptionHandle<InstanceNotification>? other) => other is Handle handle && handle.HandleId == HandleId;

        public override bool Equals(object? obj) => obj is Handle handle && Equals(handle);

        public override int GetHashCode() => HandleId.GetHashCode();
    }

    private static T ProxyOf<T>(Func<MethodInfo, object?[], object?> invoke)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, CallProxy>();
        ((CallProxy)(object)proxy).Handler = invoke;
        return proxy;
    }

    /// <summary>Answers an interface's calls with a function: enough of Orleans' stream API for the feed's start.</summary>
    public class CallProxy : DispatchProxy
    {
        public Func<MethodInfo, object?[], object?> Handler { get; set; } = (method, _) => throw new NotSupportedException(method.Name);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Handler(targetMethod!, args ?? []);
    }
}
