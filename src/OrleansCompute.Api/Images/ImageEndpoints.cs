using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Images;

namespace OrleansCompute.Api.Images;

/// <summary>
/// Nova's image proxy (<c>/images</c>) over the configured images and the caller's project's snapshots. Nova removed it at 2.36, so later
/// microversions get 404 as for any method that no longer exists.
/// </summary>
internal static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/images", (HttpContext context, ImageLookup images) => ListAsync(context, images, detail: false));
        routes.MapGet("/images/detail", (HttpContext context, ImageLookup images) => ListAsync(context, images, detail: true));
        routes.MapGet("/images/{id}", ShowAsync);
    }

    private static async Task<JsonResponse> ListAsync(HttpContext context, ImageLookup lookup, bool detail)
    {
        var request = Request(context);
        var images = await lookup.ListAsync(request.Caller);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var image in images)
            {
                Write(w, image, request, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<JsonResponse> ShowAsync(HttpContext context, string id, ImageLookup lookup)
    {
        var request = Request(context);
        var image = await lookup.FindAsync(id, request.Caller) ?? throw ComputeFaultException.NotFound("Image not found.");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("image");
            Write(w, image, request, detail: true);
            w.WriteEndObject();
        });
    }

    private static ComputeRequest Request(HttpContext context)
    {
        var request = ComputeRequest.From(context);
        if (request.Version.AtLeast(2, 36))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        return request;
    }

    private static void Write(Utf8JsonWriter writer, ImageDefinition image, ComputeRequest request, bool detail)
    {
        writer.WriteStartObject();
        writer.WriteString("id", image.Id);
        writer.WriteString("name", image.Name);
        if (detail)
        {
            writer.WriteNumber("minRam", image.MinRamMb);
            writer.WriteNumber("minDisk", image.MinDiskGb);
            writer.WriteNumber("progress", NovaImageStatus.Progress(image.Status));
            writer.WriteString("status", NovaImageStatus.Status(image.Status));
            writer.WriteString("created", NovaTime.Iso(image.Created));
            writer.WriteString("updated", NovaTime.Iso(image.Updated ?? image.Created));
            writer.WriteNumber("OS-EXT-IMG-SIZE:size", image.SizeBytes);
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in image.Metadata)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            if (image.Metadata.TryGetValue("instance_uuid", out var serverId))
            {
                // A snapshot names the server it was made from, as Nova's image view does.
                writer.WriteStartObject("server");
                writer.WriteString("id", serverId);
                writer.WriteStartArray("links");
                writer.WriteStartObject();
                writer.WriteString("rel", "self");
                writer.WriteString("href", request.Links.Self("servers", serverId));
                writer.WriteEndObject();
                writer.WriteStartObject();
                writer.WriteString("rel", "bookmark");
                writer.WriteString("href", request.Links.Bookmark("servers", serverId));
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        writer.WriteStartArray("links");
        writer.WriteStartObject();
        writer.WriteString("rel", "self");
        writer.WriteString("href", request.Links.Self("images", image.Id));
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("rel", "bookmark");
        writer.WriteString("href", request.Links.Bookmark("images", image.Id));
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("rel", "alternate");
        writer.WriteString("type", "application/vnd.openstack.image");
        writer.WriteString("href", $"{request.Links.BaseUrl}/images/{image.Id}");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
