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

    /// <summary>The consumers whose claim changed while a recount read the index; null when no recount runs.</summary>
    private HashSet<string>? _changedDuringRecount;

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
        _changedDuringRecount?.Add(claim.ConsumerId);
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

        _changedDuringRecount?.Add(consumerId);
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

    /// <summary>
    /// A recount reads the index while claims and releases go on (the host grain is reentrant): from here on the
    /// consumers they change are remembered, so the recount's result does not overwrite them with what it read before.
    /// </summary>
    public void StartRecount() => _changedDuringRecount = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a claim or release changed the consumer since the recount started (the recount leaves it be).</summary>
    public bool ChangedDuringRecount(string consumerId) => _changedDuringRecount?.Contains(consumerId) == true;

    /// <summary>
    /// Ends a recount: the tally becomes what the index showed plus the unconfirmed claims, except for the consumers
    /// changed since the recount started, which keep what they hold now.
    /// </summary>
    public void EndRecount(IEnumerable<HostClaim> counted, IEnumerable<HostClaim> unconfirmed)
    {
        var changed = _changedDuringRecount ?? [];
        var now = changed.ToDictionary(id => id, id => _claims.GetValueOrDefault(id), StringComparer.Ordinal);
        _changedDuringRecount = null;
        _claims.Clear();
        _consumersPerServer.Clear();
        Vcpus = 0;
        RamMb = 0;
        DiskGb = 0;
        foreach (var claim in counted.Concat(unconfirmed))
        {
            Set(claim);
        }

        foreach (var (consumerId, claim) in now)
        {
            if (claim is null)
            {
                Remove(consumerId);
            }
            else
            {
                Set(claim);
            }
        }
    }

    /// <summary>A recount that failed leaves the tally as the claims and releases made it.</summary>
    public void AbandonRecount() => _changedDuringRecount = null;

    private static string ServerOf(string consumerId) => consumerId.Length >= 36 ? consumerId[..36] : consumerId;
}
