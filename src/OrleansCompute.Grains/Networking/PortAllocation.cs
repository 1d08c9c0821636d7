namespace OrleansCompute.Networking;

/// <summary>What one port holds on its network: its addresses and its device owner (in memory only).</summary>
internal sealed record PortAllocation(List<FixedIp> Addresses, string Owner)
{
    /// <summary>Whether a port as the index shows it holds exactly this (same addresses, same owner).</summary>
    public bool IsShownBy(NeutronPort port) =>
        string.Equals(port.DeviceOwner, Owner, StringComparison.Ordinal)
        && port.FixedIps.Count == Addresses.Count
        && port.FixedIps.All(Addresses.Contains);
}
