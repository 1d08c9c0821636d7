using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>
/// <c>/servers/{id}/os-server-password</c>. Nova keeps the encrypted password a guest posts to the metadata
/// service; this control plane runs no metadata service, so no guest ever posts one: GET shows the empty
/// password Nova shows for such a server, and DELETE (which in Nova only clears that blob) has nothing to clear.
/// </summary>
internal static class ServerPasswordEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/os-server-password", ShowAsync).RequireServerPolicy(ComputePolicies.ServerPasswordShow);
        routes.MapDelete("/servers/{id}/os-server-password", ClearAsync).RequireServerPolicy(ComputePolicies.ServerPasswordClear);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("password", "");
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ClearAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return Results.StatusCode(StatusCodes.Status204NoContent);
    }
}
