namespace OrleansCompute.Quotas;

/// <summary>
/// The persisted quota of one project: its own limits (when an admin set them), its server groups, and the
/// claims the server index does not confirm yet. A server the index counts (not deleted, not soft-deleted) with
/// the size claimed needs no record here: the project recounts it from the index on activation. So this state
/// stays as small as the creates (and resizes) in flight, and a claim writes O(1) bytes whatever the project's
/// size.
/// </summary>
[GenerateSerializer, Alias("compute.ProjectState")]
public sealed class ProjectState
{
    /// <summary>Limits set for this project by name; a missing name takes the configured default.</summary>
    [Id(0)] public Dictionary<string, int> Limits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The claims not confirmed by the index yet (a create in flight, a resize not ended, a claim that leaked),
    /// with their size. Before issue 19 this held every server's claim; such a state is read the same way and
    /// shrinks on activation to what the index does not confirm (the stored name is kept for that reason).
    /// </summary>
    [Id(1)] public Dictionary<Guid, ServerQuotaUsage> Servers { get; set; } = [];

    [Id(2)] public List<Guid> ServerGroups { get; set; } = [];
}
