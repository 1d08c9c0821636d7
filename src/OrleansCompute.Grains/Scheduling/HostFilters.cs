using System.Net;
using OrleansCompute.ServerGroups;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The filters a host must pass, as Nova's filter scheduler has them: capacity (placement), availability
/// zone, requested or forced host, ignored hosts, the group policies, SameHost, DifferentHost,
/// SimpleCIDRAffinity, the JSON query filter and the compute filter (disabled services). A forced host skips every filter but capacity, as in Nova.
/// </summary>
internal static class HostFilters
{
    public static bool Passes(HostUsage host, SchedulingContext context)
    {
        var request = context.Request;
        var flavor = request.Flavor;
        if (!host.Fits(flavor.Vcpus, flavor.RamMb, flavor.DiskGb + flavor.EphemeralGb + (flavor.SwapMb + 1023) / 1024))
        {
            return false;
        }

        if (request.ForcedHost is { } forced)
        {
            return Same(host.Host, forced) && (request.ForcedNode is null || Same(host.Node, request.ForcedNode));
        }

        if (request.ForcedNode is { } forcedNode)
        {
            return Same(host.Node, forcedNode);
        }

        // ComputeFilter: a disabled, forced-down or deleted compute service takes no new servers.
        if (!host.AcceptsServers)
        {
            return false;
        }

        if (request.RequestedHost is { } requested && !Same(host.Host, requested))
        {
            return false;
        }

        if (request.RequestedNode is { } node && !Same(host.Node, node))
        {
            return false;
        }

        if (request.IgnoreHosts.Contains(host.Host, StringComparer.Ordinal))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(request.AvailabilityZone) && !Same(host.AvailabilityZone, request.AvailabilityZone))
        {
            return false;
        }

        return GroupAllows(host, context)
            && (context.SameHosts is null || context.SameHosts.Contains(host.Host))
            && (context.DifferentHosts is null || !context.DifferentHosts.Contains(host.Host))
            && NearEnough(host, context)
            && (context.Query is not { } query || JsonQueryFilter.Matches(query, host));
    }

    private static bool GroupAllows(HostUsage host, SchedulingContext context)
    {
        if (context.Group is not { } group)
        {
            return true;
        }

        var onHost = context.GroupHostCounts.GetValueOrDefault(host.Host);
        return group.Policy switch
        {
            // Affinity: once any member has a host, every other member goes there.
            ServerGroup.Affinity => context.GroupHostCounts.Count == 0 || onHost > 0,
            ServerGroup.AntiAffinity => onHost < (group.MaxServerPerHost ?? 1),
            _ => true,
        };
    }

    private static bool NearEnough(HostUsage host, SchedulingContext context)
    {
        if (context.NearNetwork is not { } network)
        {
            return true;
        }

        return IPAddress.TryParse(host.HostIp, out var address)
            && new IPNetwork(Masked(network.Address, network.PrefixLength), network.PrefixLength).Contains(address);
    }

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
