using System.Net;
using System.Net.Sockets;
using OrleansCompute.Networking;

namespace OrleansCompute.Networking;

/// <summary>
/// Neutron's subnet checks and defaults: canonical CIDR of the right version, gateway inside the usable range (or
/// outside the CIDR), pools inside the usable range, not overlapping each other nor holding the gateway, and no
/// overlap with another subnet of the same network.
/// </summary>
internal static class SubnetRules
{
    public static NeutronSubnet Complete(NeutronSubnet subnet, IEnumerable<NeutronSubnet> siblings)
    {
        if (subnet.IpVersion is not (4 or 6))
        {
            throw NeutronFaultException.InvalidInput($"{subnet.IpVersion} is not in valid IP versions (4, 6)");
        }

        Subnet cidr;
        try
        {
            cidr = Subnet.Parse(subnet.Cidr);
        }
        catch (FormatException)
        {
            throw NeutronFaultException.InvalidInput($"'{subnet.Cidr}' is not a valid IP subnet.");
        }

        if (cidr.IpVersion != subnet.IpVersion)
        {
            throw NeutronFaultException.InvalidInput("Cidr and IP version mismatch.");
        }

        if (cidr.PrefixLength == 0 || cidr.HadHostBits)
        {
            throw NeutronFaultException.InvalidInput($"'{subnet.Cidr}' isn't a recommended CIDR, '{cidr}' is recommended");
        }

        if (subnet.EnableDhcp && ((cidr.IpVersion == 4 && cidr.PrefixLength > 30) || (cidr.IpVersion == 6 && cidr.PrefixLength > 126)))
        {
            throw NeutronFaultException.InvalidInput("Invalid CIDR for IP version with DHCP enabled.");
        }

        if (subnet.IpVersion == 4 && (subnet.Ipv6RaMode is not null || subnet.Ipv6AddressMode is not null))
        {
            throw NeutronFaultException.InvalidInput("ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to False or IP version is 4.");
        }

        foreach (var sibling in siblings)
        {
            if (sibling.Id != subnet.Id && Subnet.Parse(sibling.Cidr).Overlaps(cidr))
            {
                throw NeutronFaultException.InvalidInput(
                    $"Requested subnet with cidr: {cidr} for network: {subnet.NetworkId} overlaps with another subnet");
            }
        }

        var gateway = subnet.GatewayIp == NeutronSubnet.DefaultGateway ? cidr.AddressAt(1).ToString() : subnet.GatewayIp;
        if (gateway is not null)
        {
            gateway = CheckGateway(cidr, gateway);
        }

        var pools = subnet.AllocationPools.Count > 0 ? CheckPools(cidr, subnet.AllocationPools, gateway) : DefaultPools(cidr, gateway);
        return subnet with { Cidr = cidr.ToString(), GatewayIp = gateway, AllocationPools = pools };
    }

    /// <summary>The first and last address a port may get (no IPv4 network or broadcast address).</summary>
    public static (UInt128 First, UInt128 Last) UsableRange(Subnet cidr) =>
        cidr.IpVersion == 4 && cidr.PrefixLength >= 31 ? (UInt128.Zero, cidr.Size - 1)
        : cidr.IpVersion == 4 ? (UInt128.One, cidr.Size - 2)
        : (UInt128.One, cidr.Size - 1);

    public static bool IsUsable(Subnet cidr, IPAddress address) =>
        cidr.OffsetOf(address) is { } offset && offset >= UsableRange(cidr).First && offset <= UsableRange(cidr).Last;

    private static string CheckGateway(Subnet cidr, string gateway)
    {
        if (!IPAddress.TryParse(gateway, out var address) || (address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4) != cidr.IpVersion)
        {
            throw NeutronFaultException.InvalidInput($"gateway_ip {gateway} is not a valid IP address of the subnet's version.");
        }

        if (cidr.OffsetOf(address) is not null && !IsUsable(cidr, address))
        {
            throw NeutronFaultException.InvalidInput($"Gateway ip {gateway} conflicts with allocation pool or is the network or broadcast address.");
        }

        return address.ToString();
    }

    private static List<AllocationPool> DefaultPools(Subnet cidr, string? gateway)
    {
        var (first, last) = UsableRange(cidr);
        var gatewayOffset = gateway is null ? null : cidr.OffsetOf(IPAddress.Parse(gateway));
        var pools = new List<AllocationPool>();
        if (gatewayOffset is { } g && g >= first && g <= last)
        {
            if (g > first)
            {
                pools.Add(Pool(cidr, first, g - 1));
            }

            if (g < last)
            {
                pools.Add(Pool(cidr, g + 1, last));
            }
        }
        else
        {
            pools.Add(Pool(cidr, first, last));
        }

        return pools;
    }

    private static List<AllocationPool> CheckPools(Subnet cidr, IReadOnlyList<AllocationPool> pools, string? gateway)
    {
        var (first, last) = UsableRange(cidr);
        var ranges = new List<(UInt128 Start, UInt128 End)>();
        foreach (var pool in pools)
        {
            if (!IPAddress.TryParse(pool.Start, out var start) || !IPAddress.TryParse(pool.End, out var end))
            {
                throw NeutronFaultException.BadRequest($"The allocation pool {pool.Start}-{pool.End} is not valid.", "InvalidAllocationPool");
            }

            if (cidr.OffsetOf(start) is not { } s || cidr.OffsetOf(end) is not { } e || s < first || e > last)
            {
                throw NeutronFaultException.BadRequest($"The allocation pool {pool.Start}-{pool.End} spans beyond the subnet cidr {cidr}.", "OutOfBoundsAllocationPool");
            }

            if (s > e)
            {
                throw NeutronFaultException.BadRequest($"The allocation pool {pool.Start}-{pool.End} is not valid.", "InvalidAllocationPool");
            }

            ranges.Add((s, e));
        }

        var sorted = ranges.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start <= sorted[i - 1].End)
            {
                throw NeutronFaultException.Conflict("OverlappingAllocationPools", $"Found overlapping allocation pools for subnet {cidr}.");
            }
        }

        if (gateway is not null && cidr.OffsetOf(IPAddress.Parse(gateway)) is { } g && ranges.Any(r => g >= r.Start && g <= r.End))
        {
            throw NeutronFaultException.Conflict("GatewayConflictWithAllocationPools", $"Gateway ip {gateway} conflicts with allocation pool.");
        }

        return sorted.Select(r => Pool(cidr, r.Start, r.End)).ToList();
    }

    private static AllocationPool Pool(Subnet cidr, UInt128 start, UInt128 end) => new(cidr.AddressAt(start).ToString(), cidr.AddressAt(end).ToString());
}
