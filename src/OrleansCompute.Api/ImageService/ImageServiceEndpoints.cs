using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Identity;
using OrleansCompute.Catalog;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// A read-only Glance v2 subset over the configured images and the caller's project's snapshots, listed in the service catalog as
/// <c>image</c>: python-openstackclient needs an image service even to list servers, and resolves image names
/// through it. The version document at <c>/image</c>; <c>/image/v2/images</c> (filters name, status,
/// visibility; limit and marker) and <c>/image/v2/images/{id}</c> need a token.
/// </summary>
internal static class ImageServiceEndpoints
{
    public const string V2Prefix = IdentityPaths.Image + "/v2";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(IdentityPaths.Image, Versions);
        routes.MapGet(V2Prefix + "/images", ListAsync);
        routes.MapGet(V2Prefix + "/images/{id}", ShowAsync);
    }

    /// <summary>Glance answers its root with 300 Multiple Choices and its versions.</summary>
    private static JsonResponse Versions(HttpContext context, IOptions<IdentityOptions> options)
    {
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(300, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            foreach (var (id, status) in new[] { ("v2.16", "CURRENT"), ("v2.0", "SUPPORTED") })
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("status", status);
                w.WriteStartArray("links");
                w.WriteStartObject();
                w.WriteString("rel", "self");
                w.WriteString("href", baseUrl + V2Prefix + "/");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ListAsync(HttpContext context, ImageLookup lookup)
    {
        var query = context.Request.Query;
        IEnumerable<ImageDefinition> images = await lookup.ListAsync(context.Caller());
        if (query.TryGetValue("name", out var name))
        {
            images = images.Where(i => string.Equals(i.Name, name[^1], StringComparison.Ordinal));
        }

        if (query.TryGetValue("status", out var status))
        {
            images = images.Where(i => string.Equals(i.Status, status[^1], StringComparison.OrdinalIgnoreCase));
        }

        if (query.TryGetValue("visibility", out var visibility) && visibility[^1] is not "all")
        {
            // Configured images are public; snapshots are private to their project, as Glance makes them.
            var wanted = visibility[^1];
            images = images.Where(i => string.Equals(Visibility(i), wanted, StringComparison.Ordinal));
        }

        if (query.TryGetValue("marker", out var marker))
        {
            var list = images.ToList();
            var index = list.FindIndex(i => string.Equals(i.Id, marker[^1], StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return Text(400, $"Invalid marker. Image {marker[^1]} could not be found.");
            }

            images = list.Skip(index + 1);
        }

        var limit = int.MaxValue;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText[^1], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            return Text(400, "limit param must be an integer");
        }

        var page = images.Take(limit == int.MaxValue ? limit : limit + 1).ToList();
        // limit=0 is an empty page without a next link, as in Glance (it once was a 500: a next link from no image).
        var more = limit is > 0 and < int.MaxValue && page.Count > limit;
        if (limit == 0)
        {
            page.Clear();
        }

        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var image in page)
            {
                Write(w, image);
            }

            w.WriteEndArray();
            w.WriteString("first", "/v2/images");
            w.WriteString("schema", "/v2/schemas/images");
            if (more)
            {
                w.WriteString("next", $"/v2/images?marker={page[^1].Id}&limit={limit}");
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, ImageLookup lookup)
    {
        var image = await lookup.FindAsync(id, context.Caller());
        return image is null ? Text(404, $"No image found with ID {id}") : new JsonResponse(200, w => Write(w, image));
    }

    /// <summary>Glance's errors are plain text (webob), not JSON.</summary>
    private static IResult Text(int status, string message) =>
        Results.Text($"{status} {(status == 404 ? "Not Found" : "Bad Request")}\n\n{message}\n\n", "text/plain", statusCode: status);

    private static string Visibility(ImageDefinition image) => image.OwnerProjectId is null ? "public" : "private";

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter w, ImageDefinition image)
    {
        w.WriteStartObject();
        foreach (var (key, value) in image.Metadata)
        {
            // Glance shows additional properties at the top level of the image.
            w.WriteString(key, value);
        }

        w.WriteString("id", image.Id);
        w.WriteString("name", image.Name);
        w.WriteString("status", image.Status.ToLowerInvariant());
        w.WriteString("visibility", Visibility(image));
        w.WriteBoolean("protected", false);
        w.WriteBoolean("os_hidden", false);
        w.WriteString("container_format", "bare");
        w.WriteString("disk_format", "qcow2");
        w.WriteNumber("min_disk", image.MinDiskGb);
        w.WriteNumber("min_ram", image.MinRamMb);
        w.WriteNumber("size", image.SizeBytes);
        w.WriteNull("virtual_size");
        w.WriteNull("checksum");
        w.WriteNull("os_hash_algo");
        w.WriteNull("os_hash_value");
        if (image.OwnerProjectId is { } owner)
        {
            w.WriteString("owner", owner);
        }
        else
        {
            w.WriteNull("owner");
        }

        w.WriteString("created_at", Timestamp(image.Created));
        w.WriteString("updated_at", Timestamp(image.Updated ?? image.Created));
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteString("self", $"/v2/images/{image.Id}");
        w.WriteString("file", $"/v2/images/{image.Id}/file");
        w.WriteString("schema", "/v2/schemas/image");
        w.WriteEndObject();
    }
}
