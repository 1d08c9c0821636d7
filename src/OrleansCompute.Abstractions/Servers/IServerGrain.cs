using OrleansCompute.Identity;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// One server: the single writer of its truth and its lifecycle state machine. Keyed by the server's UUID.
/// Every method is one coarse call per API request; reads return the whole snapshot.
/// </summary>
[Alias("compute.IServerGrain")]
public interface IServerGrain : IGrainWithGuidKey
{
    /// <summary>Records a new server in BUILD and starts the build. Idempotent for a repeated command.</summary>
    [Alias("Create")]
    Task<ServerSnapshot> CreateAsync(CreateServerCommand command);

    /// <summary>
    /// For a create whose answer never came (a timeout): true when no server exists under this id, and then none
    /// ever will (a late create is refused), so the caller may give back what it claimed; false when it exists.
    /// </summary>
    [Alias("AbandonIfNotCreated")]
    Task<bool> AbandonIfNotCreatedAsync();

    /// <summary>The server as the caller may see it; 404 for a missing server or another project's.</summary>
    [Alias("Get")]
    Task<ServerSnapshot> GetAsync(CallerContext caller);

    /// <summary>Deletes the server (Nova's <c>DELETE /servers/{id}</c>).</summary>
    [Alias("Delete")]
    Task DeleteAsync(CallerContext caller);

    /// <summary><c>PUT /servers/{id}</c>: no lock or state check, as in Nova; 409 only for a pinned-AZ conflict (2.104).</summary>
    [Alias("Update")]
    Task<ServerSnapshot> UpdateAsync(CallerContext caller, ServerUpdate update);

    /// <summary>
    /// A <c>power-update</c> external event (2.76): the hypervisor reports the guest powered on or off behind the
    /// API's back; a server with no task in flight takes that power state (and vm_state active / stopped).
    /// </summary>
    [Alias("ApplyPowerUpdate")]
    Task ApplyPowerUpdateAsync(CallerContext caller, bool powerOn);

    /// <summary>Writes metadata (lock and stable-state checks, 403 past the item limit); returns all metadata after it.</summary>
    [Alias("ChangeMetadata")]
    Task<IReadOnlyDictionary<string, string>> ChangeMetadataAsync(CallerContext caller, MetadataChange change);

    /// <summary>Writes tags (state check, 50-tag limit, no lock check); returns the tags after it.</summary>
    [Alias("ChangeTags")]
    Task<TagChangeResult> ChangeTagsAsync(CallerContext caller, TagChange change);

    /// <summary>Wakes the grain so that an operation left in flight by a crash or restart finishes.</summary>
    [Alias("Resume")]
    Task ResumeAsync();

    /// <summary>
    /// Carries out one server action (<c>POST /servers/{id}/action</c>): checks lock, policy and state against the
    /// lifecycle table, sets the transitional task_state and persists it before answering, then finishes in the
    /// background. Throws the Nova fault (404, 403, 409, 400) when the action is refused.
    /// </summary>
    [Alias("Act")]
    Task<ServerActionResult> ActAsync(ServerActionCommand command);

    /// <summary>The server's action log (<c>os-instance-actions</c>); deleted servers only when asked (2.21+).</summary>
    [Alias("GetActions")]
    Task<ServerActionLog> GetActionsAsync(CallerContext caller, bool includeDeleted);

    /// <summary>The console log (<c>os-getConsoleOutput</c>): the last <paramref name="length"/> lines, or all.</summary>
    [Alias("GetConsoleOutput")]
    Task<string> GetConsoleOutputAsync(CallerContext caller, int? length);

    /// <summary>force_complete of the live migration in flight (2.22): 409 unless the server is ACTIVE and migrating.</summary>
    [Alias("ForceCompleteLiveMigration")]
    Task ForceCompleteLiveMigrationAsync(CallerContext caller);

    /// <summary>Aborts the live migration in flight (2.24): the server stays on its source host; 409 unless migrating.</summary>
    [Alias("AbortLiveMigration")]
    Task AbortLiveMigrationAsync(CallerContext caller);
}
