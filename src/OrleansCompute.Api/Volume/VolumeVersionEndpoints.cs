using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// The block storage version documents, without a token: <c>/volume</c> answers 300 and <c>/volume/v3/</c> 200, with
/// the v3 entry Nova (routing ignores a trailing slash) and the clients read (<c>version</c> is the maximum microversion, <c>min_version</c> 3.0).
/// </summary>
internal static class VolumeVersionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(VolumePaths.Root, (HttpContext context, IOptions<IdentityOptions> options) => Document(context, options, 300));
        routes.MapGet(VolumePaths.V3, (HttpContext context, IOptions<IdentityOptions> options) => Document(context, options, 200));
    }

    private static JsonResponse Document(HttpContext context, IOptions<IdentityOptions> options, int status)
    {
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            w.WriteStartObject();
            w.WriteString("id", "v3.0");
            w.WriteString("status", "CURRENT");
            w.WriteString("version", VolumeApiVersion.Maximum.ToString());
            w.WriteString("min_version", VolumeApiVersion.Minimum.ToString());
            w.WriteString("updated", "2023-08-31T00:00:00Z");
            w.WriteStartArray("links");
            Link(w, "describedby", "https://docs.openstack.org/", "text/html");
            Link(w, "self", baseUrl + VolumePaths.V3 + "/", null);
            w.WriteEndArray();
            w.WriteStartArray("media-types");
            w.WriteStartObject();
            w.WriteString("base", "application/json");
            w.WriteString("type", "application/vnd.openstack.volume+json;version=3");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Link(Utf8JsonWriter w, string rel, string href, string? type)
    {
        w.WriteStartObject();
        w.WriteString("rel", rel);
        w.WriteString("href", href);
        if (type is not null)
        {
            w.WriteString("type", type);
        }

        w.WriteEndObject();
    }
}
