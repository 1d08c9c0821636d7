using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Servers;
using OrleansCompute.Api.Policy;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary><c>PUT /servers/{id}</c>: 200 with the update view of the negotiated microversion.</summary>
internal static class ServerUpdateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut("/servers/{id}", UpdateAsync).RequireServerPolicy(ComputePolicies.ServersUpdate);

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, ServerViewWriter views)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var update = UpdateServerRequestParser.Parse(body.RootElement, request.Version);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).UpdateAsync(request.Caller, update);
        await views.PrepareAsync([server], request);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server");
            views.WriteUpdate(w, server, request);
            w.WriteEndObject();
        });
    }
}
