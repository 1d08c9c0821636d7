using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Api.Network;

/// <summary>
/// The built-in network service, a Neutron v2.0 subset at <c>/network</c> (the catalog's <c>network</c>
/// endpoint): networks, subnets, ports, security groups and rules, floating IPs, extensions. Faults are
/// NeutronError bodies; unknown paths under it are Neutron's 404.
/// </summary>
internal static class NeutronApi
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var root = routes.MapGroup("").WithTags("network");
        root.AddEndpointFilter(NeutronFaultFilter.InvokeAsync);
        var v2 = root.MapGroup(NeutronPaths.V2);
        NeutronExtensionEndpoints.Map(root, v2);
        NetworkEndpoints.Map(v2);
        SubnetEndpoints.Map(v2);
        PortEndpoints.Map(v2);
        SecurityGroupEndpoints.Map(v2);
        SecurityGroupRuleEndpoints.Map(v2);
        FloatingIpEndpoints.Map(v2);
        // Lower precedence than every route above: Neutron's own 404 for anything else under /network.
        root.Map(NeutronPaths.Root + "/{**unmatched}", NeutronResponses.NotFound).WithOrder(int.MaxValue - 1).ExcludeFromDescription();
    }
}
