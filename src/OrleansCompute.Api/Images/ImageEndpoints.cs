using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Images;

/// <summary>
/// Nova's image proxy (<c>/images</c>) over the configured catalog. Nova removed it at 2.36, so later
/// microversions get 404 as for any method that no longer exists.
/// </summary>
internal static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/images", (HttpContext context, ComputeCatalog catalog) => List(context, catalog, detail: false));
        routes.MapGet("/images/detail", (HttpContext context, ComputeCatalog catalog) => List(context, catalog, detail: true));
        routes.MapGet("/images/{id}", Show);
    }

    private static JsonResponse List(HttpContext context, ComputeCatalog catalog, bool detail)
    {
        var request = Request(context);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var image in catalog.Images)
            {
                Write(w, image, request, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static JsonResponse Show(HttpContext context, string id, ComputeCatalog catalog)
    {
        var request = Request(context);
        var image = catalog.FindImage(id) ?? throw ComputeFaultException.NotFound("Image not found.");
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
            writer.WriteNumber("progress", 100);
            writer.WriteString("status", image.Status.ToUpperInvariant());
            writer.WriteString("created", NovaTime.Iso(image.Created));
            writer.WriteString("updated", NovaTime.Iso(image.Created));
            writer.WriteNumber("OS-EXT-IMG-SIZE:size", image.SizeBytes);
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in image.Metadata)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
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
