using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansCompute.Api.Network;

/// <summary>What every Neutron route file does the same way: reach the network service, answer a shown resource with <c>fields</c> applied.</summary>
internal static class NeutronRoutes
{
    public static NetworkService Service(HttpContext context) => context.RequestServices.GetRequiredService<NetworkService>();

    /// <summary>Neutron's show: 200, the resource under its key, narrowed to the <c>fields</c> the query asks for.</summary>
    public static IResult Shown(HttpContext context, string key, JsonObject view) =>
        NeutronResponses.One(200, key, NeutronListing.Fields(view, context.Request.Query));
}
