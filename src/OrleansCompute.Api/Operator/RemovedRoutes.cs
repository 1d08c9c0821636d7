using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Operator;

/// <summary>
/// The routes Nova removed (nova-network, cells v1, agents, cloudpipe, certificates, fping, consoles, ...): Nova
/// answers them 410 Gone at every microversion, without a policy check, so clients learn the API is gone rather
/// than misspelled. The <c>resetNetwork</c> server action is answered by the action parser.
/// </summary>
internal static class RemovedRoutes
{
    private static readonly (string Path, string[] Methods)[] Gone =
    [
        ("/os-agents", ["GET", "POST"]),
        ("/os-agents/{id}", ["PUT", "DELETE"]),
        ("/os-cells", ["GET", "POST"]),
        ("/os-cells/detail", ["GET"]),
        ("/os-cells/info", ["GET"]),
        ("/os-cells/capacities", ["GET"]),
        ("/os-cells/sync_instances", ["POST"]),
        ("/os-cells/{id}", ["GET", "PUT", "DELETE"]),
        ("/os-cells/{id}/capacities", ["GET"]),
        ("/os-certificates", ["POST"]),
        ("/os-certificates/{id}", ["GET"]),
        ("/os-cloudpipe", ["GET", "POST"]),
        ("/os-cloudpipe/{id}", ["PUT"]),
        ("/os-fixed-ips/{id}", ["GET"]),
        ("/os-fixed-ips/{id}/action", ["POST"]),
        ("/os-floating-ip-dns", ["GET"]),
        ("/os-floating-ip-dns/{domain}", ["PUT", "DELETE"]),
        ("/os-floating-ip-dns/{domain}/entries/{name}", ["GET", "PUT", "DELETE"]),
        ("/os-floating-ips-bulk", ["GET", "POST"]),
        ("/os-floating-ips-bulk/{id}", ["GET", "PUT"]),
        ("/os-fping", ["GET"]),
        ("/os-fping/{id}", ["GET"]),
        ("/os-networks", ["POST"]),
        ("/os-networks/add", ["POST"]),
        ("/os-networks/{id}", ["DELETE"]),
        ("/os-networks/{id}/action", ["POST"]),
        ("/os-security-group-default-rules", ["GET", "POST"]),
        ("/os-security-group-default-rules/{id}", ["GET", "DELETE"]),
        ("/os-tenant-networks", ["POST"]),
        ("/os-tenant-networks/{id}", ["DELETE"]),
        ("/servers/{server_id}/consoles", ["GET", "POST"]),
        ("/servers/{server_id}/consoles/{console_id}", ["GET", "DELETE"]),
        ("/servers/{server_id}/os-virtual-interfaces", ["GET"]),
    ];

    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var (path, methods) in Gone)
        {
            routes.MapMethods(path, methods, Answer).WithMetadata(RemovedRouteMarker.Instance);
        }
    }

    private static IResult Answer(HttpContext context)
    {
        _ = ComputeRequest.From(context);
        throw new ComputeFaultException(410, "This resource is no longer available. No forwarding address is given.");
    }
}

/// <summary>Marks a route Nova removed: it answers 410 and checks no policy.</summary>
public sealed class RemovedRouteMarker
{
    public static readonly RemovedRouteMarker Instance = new();

    private RemovedRouteMarker()
    {
    }
}
