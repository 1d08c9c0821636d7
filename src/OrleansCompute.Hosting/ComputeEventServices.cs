using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCompute.Events;

namespace OrleansCompute.Hosting;

/// <summary>
/// Lifecycle events in one process. Server grains publish to the silo's outbox, which writes the cluster-wide
/// streams; the process's stream feed fills its <see cref="ComputeEventHub"/>, which the product
/// (<see cref="IComputeEvents"/>) and the admin event stream read. See <see cref="ComputeEventStreams"/> for the
/// stream registration.
/// </summary>
internal static class ComputeEventServices
{
    /// <summary>A silo: the outbox the grains publish to, the hub and the feed.</summary>
    public static void Add(IServiceCollection services)
    {
        AddSubscriberSide(services);
        services.TryAddSingleton<StreamComputeEventPublisher>();
        services.TryAddSingleton<IComputeEventPublisher>(sp => sp.GetRequiredService<StreamComputeEventPublisher>());
    }

    /// <summary>Any process that reads events (a silo or a client-tier front): the hub and the feed.</summary>
    public static void AddSubscriberSide(IServiceCollection services)
    {
        services.TryAddSingleton<ComputeEventHub>();
        services.TryAddSingleton<IComputeEvents>(sp => sp.GetRequiredService<ComputeEventHub>());
        services.TryAddSingleton<ComputeEventStreamFeed>();
    }
}
