using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCompute.Events;

namespace OrleansCompute.Hosting;

/// <summary>
/// Registers the cluster-wide lifecycle event streams: Orleans' memory stream provider
/// (<see cref="ComputeEventStreamNames.Provider"/>) on every silo and client, its PubSub store (the grain storage
/// named <c>PubSubStore</c>, where the streams keep who subscribed) on the silos, and the process's stream feed.
/// </summary>
internal static class ComputeEventStreams
{
    /// <summary>
    /// A silo whose PubSub store is ADO.NET storage in the control plane's database (<paramref name="storage"/> sets
    /// invariant and connection from the <typeparamref name="TDatabase"/> the container holds). The PubSub state holds
    /// grain references, which only Orleans' own serializer writes, so this store does not use the plain JSON
    /// serializer of the compute state.
    /// </summary>
    public static void AddToSilo<TDatabase>(ISiloBuilder silo, Action<AdoNetGrainStorageOptions, TDatabase> storage)
        where TDatabase : class
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        silo.AddAdoNetGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME, options => options.Configure<Serializer, TDatabase>((o, serializer, database) =>
        {
            storage(o, database);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        AddStreamsToSilo(silo);
    }

    /// <summary>A silo whose PubSub store lives in memory (test clusters whose grain state is in memory too).</summary>
    public static void AddToSiloWithMemoryPubSub(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);
        AddStreamsToSilo(silo);
    }

    /// <summary>A client-tier process: the same streams, the hub and the feed, so that it sees every server's events.</summary>
    public static void AddToClient(IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddMemoryStreams(ComputeEventStreamNames.Provider);
        ComputeEventServices.AddSubscriberSide(client.Services);
        client.Services.AddSingleton<ILifecycleParticipant<IClusterClientLifecycle>, ComputeEventFeedLifecycle>();
    }

    private static void AddStreamsToSilo(ISiloBuilder silo)
    {
        silo.AddMemoryStreams(ComputeEventStreamNames.Provider);
        ComputeEventServices.AddSubscriberSide(silo.Services);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ComputeEventFeedLifecycle>();
    }
}
