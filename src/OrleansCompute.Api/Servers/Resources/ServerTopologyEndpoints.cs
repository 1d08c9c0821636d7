using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>
/// <c>GET /servers/{id}/topology</c> (2.78): the server's NUMA layout. The fake hosts give no server a NUMA
/// topology, and for such a server Nova answers an empty node list with no page size.
/// </summary>
internal static class ServerTopologyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/servers/{id}/topology", ShowAsync).RequireServerPolicy(ComputePolicies.ServerTopology);

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        if (!request.Version.AtLeast(2, 78))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("nodes");
            w.WriteEndArray();
            w.WriteNull("pagesize_kb");
            w.WriteEndObject();
        });
    }
}
