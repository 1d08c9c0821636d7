using OrleansCompute.Aggregates;
using OrleansCompute.Faults;
using OrleansCompute.Migrations;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Services;

/// <summary>
/// Nova's delete of a nova-compute service, in its order: refused (409) while the host has servers or migrations
/// in progress to or from it; then the host leaves every aggregate; then its service record goes, which takes the
/// host out of scheduling and out of os-services and os-hypervisors. The service comes back when it reports again
/// (an os-services update naming it).
/// </summary>
internal static class ComputeServiceRemoval
{
    public static async Task RemoveAsync(IGrainFactory grains, string host, string serviceId, DateTimeOffset at)
    {
        var hostGrain = grains.GetGrain<IHostGrain>(host);
        var usage = await hostGrain.GetUsageAsync();
        if (usage.ServiceDeleted)
        {
            throw ComputeFaultException.NotFound($"Service {serviceId} could not be found.");
        }

        if (usage.Consumers > 0)
        {
            throw ComputeFaultException.Conflict("Unable to delete compute service that is hosting instances. Migrate or delete the instances first.");
        }

        var migrations = await grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key).ListAsync(null);
        if (migrations.Any(m => !m.IsFinal && m.Status != MigrationStatuses.Done && (m.SourceCompute == host || m.DestCompute == host)))
        {
            throw ComputeFaultException.Conflict("Unable to delete compute service that has in-progress migrations. Complete the migrations or delete the instances first.");
        }

        var aggregates = grains.GetGrain<IAggregateStoreGrain>(IAggregateStoreGrain.Key);
        foreach (var aggregate in (await aggregates.ListAsync()).Where(a => a.Hosts.Contains(host, StringComparer.Ordinal)))
        {
            await aggregates.RemoveHostAsync(aggregate.Id, host, at);
        }

        // The host grain checks again: a server placed since the first check keeps the service.
        await hostGrain.DeleteServiceAsync();
    }
}
