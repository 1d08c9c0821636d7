using OrleansCompute.Servers;

namespace OrleansCompute.Networking;

/// <summary>
/// The server's copy of its ports' addresses (what <c>addresses</c> shows), rewritten from a port or a floating IP
/// after the network service changed it: Nova's network info cache refreshed from Neutron.
/// </summary>
internal static class ServerAddressCopy
{
    /// <summary>The port's fixed IPs in place of the ones it had; its floating IPs stay where their fixed IP still is.</summary>
    public static IReadOnlyList<ServerAddress> WithPort(IReadOnlyList<ServerAddress> addresses, NeutronPort port)
    {
        var first = addresses.First(a => a.PortId == port.Id);
        var index = addresses.ToList().FindIndex(a => a.PortId == port.Id);
        var others = addresses.Where(a => a.PortId != port.Id).ToList();
        var fixedIps = port.FixedIps.Select(ip => first with { Address = ip.IpAddress, IpVersion = VersionOf(ip.IpAddress), Type = "fixed", MacAddress = port.MacAddress });
        var floating = addresses.Where(a => a.PortId == port.Id && a.Type == "floating");
        others.InsertRange(Math.Min(index, others.Count), [.. fixedIps, .. floating]);
        return others;
    }

    /// <summary>The floating IP shown right after the fixed IP it is associated with (with that fixed IP's MAC), or nowhere.</summary>
    public static IReadOnlyList<ServerAddress> WithFloatingIp(IReadOnlyList<ServerAddress> addresses, FloatingIp floatingIp)
    {
        var result = addresses.Where(a => !(a.Type == "floating" && a.Address == floatingIp.FloatingIpAddress)).ToList();
        var fixedAt = floatingIp.PortId is null
            ? -1
            : result.FindIndex(a => a.Type == "fixed" && a.PortId == floatingIp.PortId && a.Address == floatingIp.FixedIpAddress);
        if (fixedAt >= 0)
        {
            result.Insert(fixedAt + 1, result[fixedAt] with
            {
                Address = floatingIp.FloatingIpAddress, IpVersion = VersionOf(floatingIp.FloatingIpAddress), Type = "floating",
            });
        }

        return result;
    }

    private static int VersionOf(string address) => address.Contains(':', StringComparison.Ordinal) ? 6 : 4;
}
