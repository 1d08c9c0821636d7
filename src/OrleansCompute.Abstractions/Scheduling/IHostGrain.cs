using Orleans.Concurrency;
namespace OrleansCompute.Scheduling;

/// <summary>
/// One simulated hypervisor, keyed by host name: its capacity and the claims on it. A claim either fits and
/// is recorded, or is refused; claims are keyed by consumer, so repeating one does not count it twice.
/// </summary>
[Alias("compute.IHostGrain")]
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Records the claims when they all fit (those already held count as fitting) and answers whether they hold; all or none.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(IReadOnlyList<HostClaim> claims);

    /// <summary>Drops a consumer's claim; nothing happens when it holds none.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string consumerId);

    /// <summary>
    /// Releases the claims of servers that are gone (index row deleted or absent) once older than the grace
    /// period; answers how many went. Runs on activation and periodically; an operator may run it at once.
    /// </summary>
    [Alias("Reconcile")]
    Task<int> ReconcileAsync();

    /// <summary>Changes the host's nova-compute service (enable, disable with a reason, forced down) and answers the new usage.</summary>
    [Alias("UpdateService")]
    Task<HostUsage> UpdateServiceAsync(HostServiceChange change);

    /// <summary>Deletes the host's service record: 409 while servers are placed here; deleted hosts take no servers.</summary>
    [Alias("DeleteService")]
    Task DeleteServiceAsync();

    /// <summary>The availability zone host aggregates give the host; null: its configured zone.</summary>
    [Alias("SetZone")]
    Task SetZoneAsync(string? zone);

    [Alias("GetUsage")]
    [ReadOnly]
    Task<HostUsage> GetUsageAsync();
}
