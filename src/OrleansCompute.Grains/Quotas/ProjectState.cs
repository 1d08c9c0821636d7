namespace OrleansCompute.Quotas;

/// <summary>The persisted quota of one project: its own limits (when an admin set them) and its claims.</summary>
[GenerateSerializer, Alias("compute.ProjectState")]
public sealed class ProjectState
{
    /// <summary>Limits set for this project by name; a missing name takes the configured default.</summary>
    [Id(0)] public Dictionary<string, int> Limits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every server that counts toward instances, cores and ram, with its size.</summary>
    [Id(1)] public Dictionary<Guid, ServerQuotaUsage> Servers { get; set; } = [];

    [Id(2)] public List<Guid> ServerGroups { get; set; } = [];
}
