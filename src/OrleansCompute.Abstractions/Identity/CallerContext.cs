namespace OrleansCompute.Identity;

/// <summary>Who makes a request: passed with every grain call that acts for a user.</summary>
[GenerateSerializer, Immutable, Alias("compute.CallerContext")]
public sealed record CallerContext
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public IReadOnlyList<string> Roles { get; init; } = [];
    [Id(3)] public required string RequestId { get; init; }

    /// <summary>Nova's <c>context.is_admin</c>: the caller has the admin role.</summary>
    public bool IsAdmin => Roles.Contains("admin", StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the caller may see a server of the given project (admins see every project).</summary>
    public bool CanSee(string projectId) => IsAdmin || string.Equals(ProjectId, projectId, StringComparison.Ordinal);
}
