using OrleansCompute.Aggregates;
using OrleansCompute.Catalog;

namespace OrleansCompute.Api.Aggregates;

/// <summary>
/// Puts the zones host aggregates give hosts into this process's catalog (what a create's availability zone is
/// checked against and <c>os-availability-zone</c> lists); the hosts' grains hold the same zones for the scheduler.
/// </summary>
internal static class AggregateZones
{
    public static async Task RefreshAsync(ComputeCatalog catalog, IGrainFactory grains)
    {
        var aggregates = await grains.GetGrain<IAggregateStoreGrain>(IAggregateStoreGrain.Key).ListAsync();
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var aggregate in aggregates.Where(a => a.AvailabilityZone is not null))
        {
            foreach (var host in aggregate.Hosts)
            {
                zones.TryAdd(host, aggregate.AvailabilityZone!);
            }
        }

        catalog.UseHostZones(zones);
    }
}
