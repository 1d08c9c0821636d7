using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Versions;

/// <summary>Nova's version discovery documents at <c>/</c>, <c>/v2</c> and <c>/v2.1</c>, answered without authentication.</summary>
internal static class VersionEndpoints
{
    private const string V21Updated = "2013-07-23T11:33:21Z";
    private const string V20Updated = "2025-07-04T12:00:00Z";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", Root);
        // Routing ignores a trailing slash, so this also answers /v2.1/.
        routes.MapGet(ComputePaths.VersionPrefix, Current);
        routes.MapGet(ComputePaths.VersionPrefix + "/{project_id}/", CurrentForProject);
        routes.MapGet(ComputePaths.LegacyPrefix, Legacy);
    }

    private static JsonResponse Root(HttpContext context)
    {
        var baseUrl = ComputeLinks.For(context).BaseUrl;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            WriteVersion(w, "v2.0", "DEPRECATED", "", "", V20Updated, baseUrl + "/v2/", describedBy: false);
            WriteVersion(w, "v2.1", "CURRENT", ApiVersion.Maximum.ToString(), ApiVersion.Minimum.ToString(), V21Updated, baseUrl + "/v2.1/", describedBy: false);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static JsonResponse Current(HttpContext context)
    {
        var baseUrl = ComputeLinks.For(context).BaseUrl;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("version");
            WriteVersion(w, "v2.1", "CURRENT", ApiVersion.Maximum.ToString(), ApiVersion.Minimum.ToString(), V21Updated, baseUrl + "/v2.1/", describedBy: true);
            w.WriteEndObject();
        });
    }

    /// <summary><c>GET /v2</c> and <c>/v2/</c>: the v2.0 record Nova's legacy endpoint answers with.</summary>
    private static JsonResponse Legacy(HttpContext context)
    {
        var baseUrl = ComputeLinks.For(context).BaseUrl;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("version");
            WriteVersion(w, "v2.0", "DEPRECATED", "", "", V20Updated, baseUrl + ComputePaths.LegacyPrefix + "/", describedBy: true, mediaVersion: "2");
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>GET /v2.1/{project_id}/</c> goes through the authenticated API in Nova; a segment that is not the
    /// caller's project is not a route at all.
    /// </summary>
    private static JsonResponse CurrentForProject(HttpContext context, string project_id)
    {
        if (!string.Equals(project_id, context.Caller().ProjectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        return Current(context);
    }

    private static void WriteVersion(Utf8JsonWriter w, string id, string status, string version, string minVersion, string updated, string selfHref, bool describedBy, string mediaVersion = "2.1")
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("href", selfHref);
        w.WriteString("rel", "self");
        w.WriteEndObject();
        if (describedBy)
        {
            w.WriteStartObject();
            w.WriteString("href", "http://docs.openstack.org/");
            w.WriteString("rel", "describedby");
            w.WriteString("type", "text/html");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (describedBy)
        {
            w.WriteStartArray("media-types");
            w.WriteStartObject();
            w.WriteString("base", "application/json");
            w.WriteString("type", "application/vnd.openstack.compute+json;version=" + mediaVersion);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteString("status", status);
        w.WriteString("version", version);
        w.WriteString("min_version", minVersion);
        w.WriteString("updated", updated);
        w.WriteEndObject();
    }
}
