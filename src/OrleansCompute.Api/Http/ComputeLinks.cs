using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Api;

/// <summary>
/// Nova's link forms: <c>self</c> has the version segment, <c>bookmark</c> has none, and both carry the project
/// segment only when the request URL had it.
/// </summary>
internal sealed class ComputeLinks(string baseUrl, string? projectInUrl, string versionPrefix = ComputePaths.VersionPrefix)
{
    public string BaseUrl { get; } = baseUrl;

    public static ComputeLinks For(HttpContext context)
    {
        var request = context.Request;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var project = context.GetRouteValue("project_id") as string;
        // Links follow the endpoint asked: the legacy /v2 API links to /v2 as Nova's does.
        return new ComputeLinks(baseUrl, project, ComputePaths.IsLegacyApi(request.Path) ? ComputePaths.LegacyPrefix : ComputePaths.VersionPrefix);
    }

    private string ProjectSegment => projectInUrl is null ? "" : "/" + projectInUrl;

    public string Self(string collection, string id) => $"{BaseUrl}{versionPrefix}{ProjectSegment}/{collection}/{id}";

    public string Bookmark(string collection, string id) => $"{BaseUrl}{ProjectSegment}/{collection}/{id}";

    public string Collection(string collection) => $"{BaseUrl}{versionPrefix}{ProjectSegment}/{collection}";
}
