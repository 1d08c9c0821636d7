using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Auth;
using OrleansCompute.Catalog;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Glance's interoperable import, as discovered by <c>GET /info/import</c>: only <c>glance-direct</c> is offered
/// (<c>web-download</c> needs the internet, which this service does not reach; <c>copy-image</c> copies between
/// several stores, and there is one). <c>PUT /stage</c> stores the data (UPLOADING), <c>POST /import</c> answers 202
/// and the image grain finishes the import (IMPORTING, then ACTIVE).
/// </summary>
internal static class ImageImportEndpoints
{
    /// <summary>The header of a create's answer from which openstacksdk learns that import is possible.</summary>
    public const string MethodsHeader = "OpenStack-image-import-methods";

    public static IReadOnlyList<string> Methods { get; } = ["glance-direct"];

    public static void Map(IEndpointRouteBuilder v2)
    {
        v2.MapGet("/info/import", Discovery);
        v2.MapPut("/images/{id}/stage", StageAsync);
        v2.MapPost("/images/{id}/import", ImportAsync);
    }

    private static JsonResponse Discovery() => new(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("import-methods");
        w.WriteString("description", "Import methods available.");
        w.WriteString("type", "array");
        w.WriteStartArray("value");
        foreach (var method in Methods)
        {
            w.WriteStringValue(method);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static Task<IResult> StageAsync(
        HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, IOptions<ImageServiceOptions> options) =>
        ImageDataEndpoints.ReceiveAsync(context, ImageServiceEndpoints.Changeable(grains, catalog, id), options.Value, (grain, caller) => grain.BeginStageAsync(caller));

    private static async Task<IResult> ImportAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        var method = await ImageRequestBody.ReadImportMethodAsync(context, Methods);
        await grain.ImportAsync(context.Caller(), method);
        return Results.StatusCode(202);
    }
}
