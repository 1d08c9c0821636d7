using Orleans.Concurrency;
using OrleansCompute.Catalog;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The compute hosts of the cluster (Nova's compute nodes), keyed by <see cref="Key"/>: what the scheduler, the
/// operator's lists and the host grains take as the hosts that exist. A process registers its configured hosts
/// when it starts and when its configuration is reloaded, as a nova-compute registers its node when it starts;
/// a host leaves only when configuration drops it and it hosts nothing (the caller checks that first). Every
/// change answers with the whole new <see cref="HostSet"/>; other processes poll <see cref="GetVersionAsync"/>.
/// </summary>
[Alias("compute.IHostRegistryGrain")]
public interface IHostRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry of a cluster.</summary>
    public const string Key = "hosts";

    /// <summary>Adds the hosts not registered yet, and takes the new capacity, ratios, zone or address of those that are.</summary>
    [Alias("Register")]
    Task<HostRegistration> RegisterAsync(IReadOnlyList<HostDefinition> hosts);

    /// <summary>Forgets a host (an unknown name changes nothing).</summary>
    [Alias("Deregister")]
    Task<HostSet> DeregisterAsync(string host);

    [Alias("Get")]
    [ReadOnly]
    Task<HostSet> GetAsync();

    /// <summary>The registry's version: a cheap poll that tells a cache whether to read the set again.</summary>
    [Alias("GetVersion")]
    [ReadOnly]
    Task<long> GetVersionAsync();
}
