using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Catalog;

namespace OrleansCompute.Api.ImageService;

/// <summary>Glance's tag calls: <c>PUT</c> adds one (idempotent), <c>DELETE</c> removes one (404 when absent); both 204.</summary>
internal static class ImageTagEndpoints
{
    public static void Map(IEndpointRouteBuilder v2)
    {
        v2.MapPut("/images/{id}/tags/{tag}", AddAsync);
        v2.MapDelete("/images/{id}/tags/{tag}", RemoveAsync);
    }

    private static async Task<IResult> AddAsync(HttpContext context, string id, string tag, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        await grain.AddTagAsync(context.Caller(), ImagePropertyParser.TagValue(tag));
        return Results.NoContent();
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string id, string tag, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        await grain.RemoveTagAsync(context.Caller(), tag);
        return Results.NoContent();
    }
}
