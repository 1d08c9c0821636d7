using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;

namespace OrleansCompute.Api.Aggregates;

/// <summary>
/// Nova's <c>GET /os-aggregates</c>. Host aggregates cannot be created here yet, so the list is empty, which is
/// what Nova answers for a cloud without aggregates; the openstack CLI reads it to show a hypervisor.
/// </summary>
internal static class AggregateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/os-aggregates", List).RequirePolicy(OperatorPolicies.AggregatesIndex);

    private static JsonResponse List(HttpContext context)
    {
        _ = ComputeRequest.From(context);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("aggregates");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
