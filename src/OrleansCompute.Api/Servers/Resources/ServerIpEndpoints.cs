using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Api.Policy;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary><c>/servers/{id}/ips</c> and <c>/ips/{network_label}</c>: the addresses without the OS-EXT-IPS keys.</summary>
internal static class ServerIpEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/ips", ListAsync).RequireServerPolicy(ComputePolicies.IpsIndex);
        routes.MapGet("/servers/{id}/ips/{label}", ShowAsync).RequireServerPolicy(ComputePolicies.IpsShow);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            ServerViewWriter.WriteAddresses(w, server, extended: false);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string label, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(id)).GetAsync(request.Caller);
        var network = ServerViewWriter.AddressesByNetwork(server).FirstOrDefault(group => group.Key == label)
            ?? throw ComputeFaultException.NotFound("Instance is not a member of specified network");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            ServerViewWriter.WriteNetwork(w, network.Key, network, extended: false);
            w.WriteEndObject();
        });
    }
}
