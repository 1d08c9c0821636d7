using System.Net;

namespace OrleansCompute.Networking;

/// <summary>
/// Picks the addresses of one port over a network's subnets (Neutron's IPAM): the requested ones, checked, or
/// one free address per IP version from the pools (the lowest free one of the first pool that has one). The network
/// grain holds the allocations (<paramref name="book"/>) and commits.
/// </summary>
internal sealed class AddressAllocator(string networkId, IReadOnlyCollection<NeutronSubnet> subnets, IAddressBook book)
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
            if ((!mine && book.IsTaken(text)) || chosen.Any(c => c.IpAddress == text) || (home.GatewayIp == text && !mine))
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
        var pools = subnet.AllocationPools
            .Select(pool => (Start: cidr.OffsetOf(IPAddress.Parse(pool.Start))!.Value, End: cidr.OffsetOf(IPAddress.Parse(pool.End))!.Value))
            .ToList();
        // Nothing below the book's cursor is free, so each pool's walk starts there rather than at its first address.
        var freeFrom = book.FreeFrom(subnet.Id);
        for (var p = 0; p < pools.Count; p++)
        {
            var (start, end) = pools[p];
            for (var offset = UInt128.Max(start, freeFrom); offset <= end; offset++)
            {
                var address = cidr.AddressAt(offset).ToString();
                if (!book.IsTaken(address) && address != subnet.GatewayIp && chosen.All(c => c.IpAddress != address))
                {
                    // The earlier pools are taken from the cursor on and this one up to here; a later pool may start lower.
                    var lowestUnwalked = pools.Skip(p + 1).Select(later => UInt128.Max(later.Start, freeFrom)).Append(offset).Min();
                    book.TookLowestFree(subnet.Id, lowestUnwalked);
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
