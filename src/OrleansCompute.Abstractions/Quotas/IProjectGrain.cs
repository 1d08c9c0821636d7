namespace OrleansCompute.Quotas;

/// <summary>
/// One project's quota: its limits and what its servers and server groups use. Every claim for the project
/// goes through this grain, one at a time, so two concurrent creates can never both take the last slot.
/// Keyed by the project id; there is one per project, never one for everybody.
/// </summary>
[Alias("compute.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims as many of the servers as fit, between MinCount and all of them (Nova's headroom rule), and
    /// returns how many were granted: the first N ids. 403 with Nova's message when not even MinCount fit.
    /// </summary>
    [Alias("ClaimServers")]
    Task<int> ClaimServersAsync(InstanceClaim claim);

    /// <summary>Changes a server's claimed size (resize); 403 when the larger size does not fit.</summary>
    [Alias("ResizeServer")]
    Task ResizeServerAsync(Guid serverId, int vcpus, int ramMb);

    /// <summary>
    /// Sets the size a server holds after a resize was settled (confirmed or reverted), with no limit check: the
    /// size was admitted before. Nothing happens for a server that holds nothing (a settle never claims anew).
    /// </summary>
    [Alias("SettleServer")]
    Task SettleServerAsync(Guid serverId, int vcpus, int ramMb);

    /// <summary>Gives back what a server held; nothing happens for a server that holds nothing.</summary>
    [Alias("ReleaseServer")]
    Task ReleaseServerAsync(Guid serverId);

    /// <summary>Records a new server group of the project; 403 past the server_groups quota.</summary>
    [Alias("AddServerGroup")]
    Task AddServerGroupAsync(Guid groupId);

    [Alias("RemoveServerGroup")]
    Task RemoveServerGroupAsync(Guid groupId);

    /// <summary>The project's server groups, for <c>GET /os-server-groups</c>.</summary>
    [Alias("GetServerGroups")]
    Task<IReadOnlyList<Guid>> GetServerGroupsAsync();

    /// <summary>
    /// Recounts the claims against the servers that exist and count (the server index: not deleted, not
    /// soft-deleted) and releases the claims of the others once they are older than the grace period; the
    /// reconciler runs it on activation and periodically, an operator may run it at once.
    /// </summary>
    [Alias("Reconcile")]
    Task<QuotaCorrection> ReconcileAsync();

    [Alias("GetQuota")]
    Task<ProjectQuota> GetQuotaAsync();

    /// <summary>Sets some of the project's limits (admin <c>PUT os-quota-sets</c>) and returns the result.</summary>
    [Alias("UpdateLimits")]
    Task<ProjectQuota> UpdateLimitsAsync(IReadOnlyDictionary<string, int> limits, bool force);

    /// <summary>Goes back to the default limits (admin <c>DELETE os-quota-sets</c>).</summary>
    [Alias("ResetLimits")]
    Task ResetLimitsAsync();
}
