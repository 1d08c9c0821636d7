using OrleansCompute.Api.Services;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Operator;

/// <summary>
/// What a process does to the host registry (<see cref="IHostRegistryGrain"/>) for its configuration, and puts
/// the registry's answer into its catalog at once: registering hosts (a host that is new, or comes back, has its
/// nova-compute service again), and removing one in Nova's order for a compute service (refused while it hosts
/// servers or migrations), then from the registry.
/// </summary>
internal static class HostRegistrations
{
    public static async Task RegisterAsync(IGrainFactory grains, ComputeCatalog catalog, IReadOnlyList<HostDefinition> hosts, DateTimeOffset at)
    {
        var registration = await Registry(grains).RegisterAsync(hosts);
        catalog.UseHosts(registration.Set.Version, registration.Set.Hosts);
        foreach (var added in registration.Added)
        {
            // A host removed earlier keeps its grain's state; its service record, deleted then, is back.
            var host = grains.GetGrain<IHostGrain>(added);
            if ((await host.GetUsageAsync()).ServiceDeleted)
            {
                await host.UpdateServiceAsync(new HostServiceChange { At = at });
            }
        }
    }

    /// <summary>Removes the host unless it hosts servers or migrations (false then: it stays registered).</summary>
    public static async Task<bool> TryRemoveAsync(IGrainFactory grains, ComputeCatalog catalog, string host, DateTimeOffset at)
    {
        try
        {
            await ComputeServiceRemoval.RemoveAsync(grains, host, host, at);
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 409)
        {
            return false;
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 404)
        {
            // Its compute service was deleted already (os-services): nothing hosts it, it only leaves the registry.
        }

        var set = await Registry(grains).DeregisterAsync(host);
        catalog.UseHosts(set.Version, set.Hosts);
        return true;
    }

    public static async Task RefreshAsync(IGrainFactory grains, ComputeCatalog catalog)
    {
        var registry = Registry(grains);
        if (await registry.GetVersionAsync() > catalog.HostVersion)
        {
            var set = await registry.GetAsync();
            catalog.UseHosts(set.Version, set.Hosts);
        }
    }

    private static IHostRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IHostRegistryGrain>(IHostRegistryGrain.Key);
}
