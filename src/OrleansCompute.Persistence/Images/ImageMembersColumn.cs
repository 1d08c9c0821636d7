using OrleansCompute.Images;

namespace OrleansCompute.Persistence.Images;

/// <summary>
/// The members column: <c>|project=status|...|</c>, so "shared with this project" is one LIKE on both databases.
/// Project ids hold no '|' or '='; a LIKE wildcard in one can only widen the rows read, and every reader checks
/// each record it gets (<see cref="ImageAccess"/>).
/// </summary>
internal static class ImageMembersColumn
{
    public static string Of(SnapshotImage image) =>
        "|" + string.Concat(image.Members.Select(m => $"{m.ProjectId}={m.Status}|"));

    /// <summary>The LIKE pattern of a row naming <paramref name="projectId"/> as a member, in any status.</summary>
    public static string Naming(string projectId) => $"%|{projectId}=%";
}
