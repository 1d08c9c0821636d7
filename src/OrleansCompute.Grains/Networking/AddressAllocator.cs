using System.Net;

namespace OrleansCompute.Networking;

/// <summary>
/// Picks the addresses of one port over a network's subnets (Neutron's IPAM): the requested ones, checked, or
/// one free address per IP version from the pools. Pure: the network grain holds the taken set and commits.
/// </summary>
internal sealed class AddressAllocator(string networkId, IReadOnlyCollection<NeutronSubnet> subnets, IReadOnlySet<string> taken)
{
    /// <summary>Neutron's default: the first IPv4 subnet with a free address, and likewise for IPv6.</summary>
    public List<FixedIp> Automatic()
    {
        var chosen = new List<FixedIp>();
        foreach (var version in new[] { 4, 6 })
        {
            var candidates = subnets.Where(s => s.IpVersion == version).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var free = candidates.Select(s => NextFree(s, chosen) is { } address ? new FixedIp(s.Id, address) : null).FirstOrDefault(f => f is not null)
                ?? throw Exhausted();
            chosen.Add(free);
        }

        return chosen;
    }

    /// <summary>Exactly what was asked; <paramref name="held"/> (the port's own addresses) may be asked again.</summary>
    public List<FixedIp> Requested(IReadOnlyList<FixedIpRequest> requests, IReadOnlyList<FixedIp> held)
    {
        var chosen = new List<FixedIp>();
        foreach (var request in requests)
        {
            var subnet = request.SubnetId is { } subnetId
                ? subnets.FirstOrDefault(s => s.Id == subnetId) ?? throw NeutronFaultException.InvalidInput(
                    $"Failed to create port on network {networkId}, because fixed_ips included invalid subnet {subnetId}")
                : null;
            if (request.IpAddress is null)
            {
                var kept = held.FirstOrDefault(h => h.SubnetId == subnet!.Id && chosen.All(c => c.IpAddress != h.IpAddress));
                chosen.Add(kept ?? (NextFree(subnet!, chosen) is { } address ? new FixedIp(subnet!.Id, address) : throw Exhausted()));
                continue;
            }

            if (!IPAddress.TryParse(request.IpAddress, out var parsed))
            {
                throw NeutronFaultException.InvalidInput($"'{request.IpAddress}' is not a valid IP address");
            }

            var text = parsed.ToString();
            var home = subnet ?? subnets.FirstOrDefault(s => Subnet.Parse(s.Cidr).OffsetOf(parsed) is not null)
                ?? throw NeutronFaultException.BadRequest(
                    $"IP address {text} is not a valid IP for any of the subnets on the specified network.", "InvalidIpForNetwork");
            var cidr = Subnet.Parse(home.Cidr);
            if (!SubnetRules.IsUsable(cidr, parsed))
            {
                throw NeutronFaultException.BadRequest($"IP address {text} is not a valid IP for the specified subnet.", "InvalidIpForSubnet");
            }

            var mine = held.Any(h => h.IpAddress == text);
            if ((!mine && taken.Contains(text)) || chosen.Any(c => c.IpAddress == text) || (home.GatewayIp == text && !mine))
            {
                throw NeutronFaultException.Conflict("IpAddressAlreadyAllocated", $"IP address {text} already allocated in subnet {home.Id}");
            }

            chosen.Add(new FixedIp(home.Id, text));
        }

        return chosen;
    }

    private string? NextFree(NeutronSubnet subnet, List<FixedIp> chosen)
    {
        var cidr = Subnet.Parse(subnet.Cidr);
        foreach (var pool in subnet.AllocationPools)
        {
            var start = cidr.OffsetOf(IPAddress.Parse(pool.Start))!.Value;
            var end = cidr.OffsetOf(IPAddress.Parse(pool.End))!.Value;
            // Each step past a taken address skips one held allocation, so the walk ends within taken + 1 steps.
            for (var offset = start; offset <= end; offset++)
            {
                var address = cidr.AddressAt(offset).ToString();
                if (!taken.Contains(address) && address != subnet.GatewayIp && chosen.All(c => c.IpAddress != address))
                {
                    return address;
                }

                if (offset == UInt128.MaxValue)
                {
                    break;
                }
            }
        }

        return null;
    }

    private NeutronFaultException Exhausted() =>
        NeutronFaultException.Conflict("IpAddressGenerationFailure", $"No more IP addresses available on network {networkId}.");
}
