using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Scheduling;

/// <summary>
/// Picks a simulated host for a new server: the hosts of the requested availability zone, chosen by the
/// server id's hash so that placement spreads evenly without a shared counter (no hot grain).
/// </summary>
public sealed class HostPlacement(ComputeCatalog catalog)
{
    public HostDefinition Choose(Guid serverId, string? availabilityZone)
    {
        var candidates = catalog.Hosts
            .Where(h => string.IsNullOrEmpty(availabilityZone) || string.Equals(h.AvailabilityZone, availabilityZone, StringComparison.Ordinal))
            .ToArray();
        if (candidates.Length == 0)
        {
            throw new ComputeFaultException(500, "No valid host was found. There are not enough hosts available.");
        }

        var bucket = (uint)serverId.GetHashCode() % (uint)candidates.Length;
        return candidates[bucket];
    }
}
