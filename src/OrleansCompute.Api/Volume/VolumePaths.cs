using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Volume;

/// <summary>Where the block storage service (a Cinder v3 subset) lives on this host.</summary>
internal static class VolumePaths
{
    public const string Root = "/volume";
    public const string V3 = Root + "/v3";
    public const string ProjectPlaceholder = "{project_id}";

    /// <summary>The catalog's endpoint: Cinder's classic form with the token's project id in it.</summary>
    public const string CatalogPath = V3 + "/" + ProjectPlaceholder;

    /// <summary>Requests under <c>/volume/v3/</c> other than its version document need a token.</summary>
    public static bool NeedsAuthentication(PathString path) =>
        path.StartsWithSegments(V3, StringComparison.Ordinal) && path.Value is not (V3 or V3 + "/");
}
