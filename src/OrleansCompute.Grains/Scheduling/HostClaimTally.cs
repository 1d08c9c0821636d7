namespace OrleansCompute.Scheduling;

/// <summary>
/// The claims on one host, in memory, with the running totals, so a claim or a usage read costs O(1) whatever
/// the host holds. Built on activation from the server index and the host's stored unconfirmed claims
/// (<see cref="HostState.Claims"/>); never stored as a whole.
/// </summary>
internal sealed class HostClaimTally
{
    private readonly Dictionary<string, HostClaim> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _consumersPerServer = new(StringComparer.Ordinal);

    public int Consumers => _claims.Count;

    /// <summary>Distinct servers (a resize holds a second consumer of the same server).</summary>
    public int Servers => _consumersPerServer.Count;

    public int Vcpus { get; private set; }

    public int RamMb { get; private set; }

    public int DiskGb { get; private set; }

    public bool Contains(string consumerId) => _claims.ContainsKey(consumerId);

    public bool TryGet(string consumerId, out HostClaim claim) => _claims.TryGetValue(consumerId, out claim!);

    public void Set(HostClaim claim)
    {
        Remove(claim.ConsumerId);
        _claims[claim.ConsumerId] = claim;
        Vcpus += claim.Vcpus;
        RamMb += claim.RamMb;
        DiskGb += claim.DiskGb;
        var server = ServerOf(claim.ConsumerId);
        _consumersPerServer[server] = _consumersPerServer.GetValueOrDefault(server) + 1;
    }

    public bool Remove(string consumerId)
    {
        if (!_claims.Remove(consumerId, out var claim))
        {
            return false;
        }

        Vcpus -= claim.Vcpus;
        RamMb -= claim.RamMb;
        DiskGb -= claim.DiskGb;
        var server = ServerOf(consumerId);
        if (_consumersPerServer[server] == 1)
        {
            _consumersPerServer.Remove(server);
        }
        else
        {
            _consumersPerServer[server]--;
        }

        return true;
    }

    public void Clear()
    {
        _claims.Clear();
        _consumersPerServer.Clear();
        Vcpus = 0;
        RamMb = 0;
        DiskGb = 0;
    }

    private static string ServerOf(string consumerId) => consumerId.Length >= 36 ? consumerId[..36] : consumerId;
}
