using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Identity;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// The Glance v2 subset, listed in the service catalog as <c>image</c>: the version document at <c>/image</c>; under
/// <c>/image/v2</c> (token required) images are listed, shown, created, patched and deleted here, their data, tags and
/// members in the neighbouring endpoint classes. The configured images are public and owned by nobody: readable by
/// all, changed by none. Every refusal is Glance's fault (<see cref="GlanceFaultFilter"/>).
/// </summary>
internal static class ImageServiceEndpoints
{
    public const string V2Prefix = IdentityPaths.Image + "/v2";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(IdentityPaths.Image, Versions);
        var v2 = routes.MapGroup(V2Prefix);
        v2.AddEndpointFilter<GlanceFaultFilter>();
        v2.MapGet("/images", ListAsync);
        v2.MapPost("/images", CreateAsync);
        v2.MapGet("/images/{id}", ShowAsync);
        v2.MapPatch("/images/{id}", UpdateAsync);
        v2.MapDelete("/images/{id}", DeleteAsync);
        ImageDataEndpoints.Map(v2);
        ImageTagEndpoints.Map(v2);
        ImageMemberEndpoints.Map(v2);
        ImageImportEndpoints.Map(v2);
        ImageActionEndpoints.Map(v2);
    }

    /// <summary>The grain of an image the caller means to change: 404 for what is no image id, 403 for a configured image.</summary>
    public static IImageGrain Changeable(IGrainFactory grains, ComputeCatalog catalog, string id)
    {
        if (catalog.FindImage(id) is not null)
        {
            throw ComputeFaultException.Forbidden("You are not permitted to modify this image.");
        }

        return ImageIds.TryKey(id, out var key)
            ? grains.GetGrain<IImageGrain>(key)
            : throw ImageNotFound(id);
    }

    /// <summary>The image the caller may read (configured or not); 404 otherwise.</summary>
    public static async Task<SnapshotImage> ReadableAsync(ImageLookup lookup, HttpContext context, string id) =>
        await lookup.FindRecordAsync(id, context.Caller()) ?? throw ImageNotFound(id);

    public static ComputeFaultException ImageNotFound(string id) =>
        ComputeFaultException.NotFound($"No image found with ID {(id.Length > 64 ? id[..64] + "..." : id)}");

    public static JsonResponse ImageResult(int status, SnapshotImage image, string? location = null) =>
        new(status, w => ImageView.Write(w, image), location);

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
        var query = ImageListQuery.Parse(context.Request.Query);
        var caller = context.Caller();
        var (page, more) = query.Apply(await lookup.ListRecordsAsync(caller), caller);
        var first = "/v2/images" + (query.QueryWithoutMarker.Length > 0 ? "?" + query.QueryWithoutMarker : "");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var image in page)
            {
                ImageView.Write(w, image);
            }

            w.WriteEndArray();
            w.WriteString("first", first);
            w.WriteString("schema", "/v2/schemas/images");
            if (more)
            {
                w.WriteString("next", first + (first.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "marker=" + page[^1].Id);
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, ImageLookup lookup) =>
        ImageResult(200, await ReadableAsync(lookup, context, id));

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog)
    {
        var (requestedId, properties) = await ImageRequestBody.ReadCreateAsync(context);
        var id = requestedId ?? Guid.NewGuid().ToString();
        if (catalog.FindImage(id) is not null)
        {
            throw ComputeFaultException.Conflict($"An image with identifier {id} already exists");
        }

        var image = await grains.GetGrain<IImageGrain>(id).DefineAsync(context.Caller(), properties);
        context.Response.Headers[ImageImportEndpoints.MethodsHeader] = string.Join(',', ImageImportEndpoints.Methods);
        return ImageResult(201, image, $"/v2/images/{image.Id}");
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = Changeable(grains, catalog, id);
        var operations = await ImageRequestBody.ReadPatchAsync(context);
        return ImageResult(200, await grain.UpdateAsync(context.Caller(), operations));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var data = ImageDataEndpoints.Store(context);
        var grain = Changeable(grains, catalog, id);
        await grain.DeleteByUserAsync(context.Caller());
        // The record is gone first, so no reader is sent to data that is being removed.
        await data.DeleteAsync(grain.GetPrimaryKeyString(), CancellationToken.None);
        return Results.NoContent();
    }
}
