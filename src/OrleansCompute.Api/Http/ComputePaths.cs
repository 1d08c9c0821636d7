using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>Which request paths belong to which part of the compute API.</summary>
internal static class ComputePaths
{
    public const string VersionPrefix = "/v2.1";

    /// <summary>Nova's legacy v2 endpoint: the v2.1 API at its lowest version, microversion headers ignored.</summary>
    public const string LegacyPrefix = "/v2";

    /// <summary>Paths under <c>/v2.1</c> (they negotiate a microversion) or the legacy <c>/v2</c>.</summary>
    public static bool IsVersionedApi(PathString path) => path.StartsWithSegments(VersionPrefix, StringComparison.Ordinal) || IsLegacyApi(path);

    /// <summary>Paths under <c>/v2</c> (segment-wise, so <c>/v2.1</c> is not one).</summary>
    public static bool IsLegacyApi(PathString path) => path.StartsWithSegments(LegacyPrefix, StringComparison.Ordinal);

    /// <summary>The version documents, answered without authentication as Nova does.</summary>
    public static bool IsVersionDocument(PathString path) =>
        !path.HasValue || path.Value is "/" || path.Value is VersionPrefix or VersionPrefix + "/" or LegacyPrefix or LegacyPrefix + "/";
}
