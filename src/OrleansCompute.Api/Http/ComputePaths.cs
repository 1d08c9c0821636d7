using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>Which request paths belong to which part of the compute API.</summary>
internal static class ComputePaths
{
    public const string VersionPrefix = "/v2.1";

    /// <summary>Paths under <c>/v2.1</c>: they negotiate a microversion.</summary>
    public static bool IsVersionedApi(PathString path) => path.StartsWithSegments(VersionPrefix, StringComparison.Ordinal);

    /// <summary>The version documents, answered without authentication as Nova does.</summary>
    public static bool IsVersionDocument(PathString path) =>
        !path.HasValue || path.Value is "/" || path.Value is VersionPrefix or VersionPrefix + "/";
}
