using OrleansCompute.Tallies;

namespace OrleansCompute.Scheduling;

/// <summary>
/// The claims on one host, in memory, with the running totals, so a claim or a usage read costs O(1) whatever
/// the host holds. Built on activation from the server index and the host's stored unconfirmed claims
/// (<see cref="HostState.Claims"/>); never stored as a whole. Keyed by consumer: a resize holds a second consumer
/// of the same server.
/// </summary>
internal sealed class HostClaimTally() : RecountableTally<string, HostClaim>(StringComparer.Ordinal)
{
    private readonly Dictionary<string, int> _consumersPerServer = new(StringComparer.Ordinal);

    public int Consumers => Count;

    /// <summary>Distinct servers (a resize holds a second consumer of the same server).</summary>
    public int Servers => _consumersPerServer.Count;

    public int Vcpus { get; private set; }

    public int RamMb { get; private set; }

    public int DiskGb { get; private set; }

    public void Set(HostClaim claim) => Hold(claim.ConsumerId, claim);

    /// <summary>Ends a recount with the claims the index showed plus the host's unconfirmed claims.</summary>
    public void EndRecount(IEnumerable<HostClaim> counted, IEnumerable<HostClaim> unconfirmed) =>
        EndRecount(counted.Concat(unconfirmed).Select(claim => KeyValuePair.Create(claim.ConsumerId, claim)));

    protected override void OnAdded(string consumerId, HostClaim claim)
    {
        Vcpus += claim.Vcpus;
        RamMb += claim.RamMb;
        DiskGb += claim.DiskGb;
        var server = ServerOf(consumerId);
        _consumersPerServer[server] = _consumersPerServer.GetValueOrDefault(server) + 1;
    }

    protected override void OnRemoved(string consumerId, HostClaim claim)
    {
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
    }

    protected override void OnCleared()
    {
        (Vcpus, RamMb, DiskGb) = (0, 0, 0);
        _consumersPerServer.Clear();
    }

    private static string ServerOf(string consumerId) => consumerId.Length >= 36 ? consumerId[..36] : consumerId;
}
