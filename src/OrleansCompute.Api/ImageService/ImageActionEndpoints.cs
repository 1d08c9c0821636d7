using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Catalog;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Glance's image actions, admin-only by the API reference's default policy: <c>deactivate</c> blocks an active
/// image's data (no boot, no download for others), <c>reactivate</c> undoes it; both 204, idempotent.
/// </summary>
internal static class ImageActionEndpoints
{
    public static void Map(IEndpointRouteBuilder v2)
    {
        v2.MapPost("/images/{id}/actions/deactivate", DeactivateAsync);
        v2.MapPost("/images/{id}/actions/reactivate", ReactivateAsync);
    }

    private static async Task<IResult> DeactivateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        await ImageServiceEndpoints.Changeable(grains, catalog, id).DeactivateAsync(context.Caller());
        return Results.NoContent();
    }

    private static async Task<IResult> ReactivateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        await ImageServiceEndpoints.Changeable(grains, catalog, id).ReactivateAsync(context.Caller());
        return Results.NoContent();
    }
}
