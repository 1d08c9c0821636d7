using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Api;

/// <summary>
/// Nova's link forms: <c>self</c> has the version segment, <c>bookmark</c> has none, and both carry the project
/// segment only when the request URL had it.
/// </summary>
internal sealed class ComputeLinks(string baseUrl, string? projectInUrl)
{
    public string BaseUrl { get; } = baseUrl;

    public static ComputeLinks For(HttpContext context)
    {
        var request = context.Request;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var project = context.GetRouteValue("project_id") as string;
        return new ComputeLinks(baseUrl, project);
    }

    private string ProjectSegment => projectInUrl is null ? "" : "/" + projectInUrl;

    public string Self(string collection, string id) => $"{BaseUrl}{ComputePaths.VersionPrefix}{ProjectSegment}/{collection}/{id}";

    public string Bookmark(string collection, string id) => $"{BaseUrl}{ProjectSegment}/{collection}/{id}";

    public string Collection(string collection) => $"{BaseUrl}{ComputePaths.VersionPrefix}{ProjectSegment}/{collection}";
}
