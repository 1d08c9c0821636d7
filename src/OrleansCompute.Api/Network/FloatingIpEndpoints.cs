using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's <c>/v2.0/floatingips</c>: addresses of an external network, associated with a port's fixed IP.</summary>
internal static class FloatingIpEndpoints
{
    private static readonly HashSet<string> SortKeys =
        ["fixed_ip_address", "floating_ip_address", "floating_network_id", "id", "router_id", "status", "project_id"];

    private static readonly HashSet<string> Updatable = ["port_id", "fixed_ip_address", "description", "qos_policy_id"];

    private static readonly HashSet<string> Creatable =
        [.. Updatable, "floating_network_id", "floating_ip_address", "subnet_id", "project_id", "tenant_id", "dns_name", "dns_domain"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/floatingips", ListAsync);
        v2.MapGet("/floatingips/{id}", ShowAsync);
        v2.MapPost("/floatingips", CreateAsync);
        v2.MapPut("/floatingips/{id}", UpdateAsync);
        v2.MapDelete("/floatingips/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var floatingIps = await service.ListAsync<FloatingIp>(NeutronKinds.FloatingIp, caller, f => NeutronVisibility.Owns(caller, f.ProjectId));
        // One index read for the ports the page shows (port_details), never a grain per row.
        var ports = floatingIps.Any(f => f.PortId is not null)
            ? (await service.ListAsync<NeutronPort>(NeutronKinds.Port, caller, _ => true)).ToDictionary(p => p.Id)
            : [];
        return NeutronListing.Respond(
            context, "floatingips", floatingIps.Select(f => NeutronViews.FloatingIp(f, f.PortId is null ? null : ports.GetValueOrDefault(f.PortId))),
            SortKeys, NeutronFaultException.FloatingIpNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var floatingIp = await service.FloatingIpAsync(id, context.Caller());
        return Shown(context, "floatingip", await ViewAsync(service, floatingIp));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "floatingip", Creatable);
        var networkId = body.String("floating_network_id")
            ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'floating_network_id' not specified");
        var projectId = NeutronVisibility.ProjectFor(caller, body, "create_floatingip");
        NeutronVisibility.AdminOnly(caller, body.Has("floating_ip_address"), "create_floatingip:floating_ip_address");
        var network = await service.NetworkAsync(networkId, caller);
        var portId = await PortForAsync(service, caller, body.String("port_id"), projectId);
        var template = new FloatingIp
        {
            Id = NeutronIds.NewId(),
            ProjectId = projectId,
            FloatingNetworkId = network.Id,
            FloatingIpAddress = "",
            PortId = portId,
            FixedIpAddress = body.Has("fixed_ip_address") ? NeutronBody.Address(body.String("fixed_ip_address"), "fixed_ip_address") : null,
            Description = body.String("description") ?? "",
        };
        var requested = body.Has("floating_ip_address") ? NeutronBody.Address(body.String("floating_ip_address"), "floating_ip_address") : null;
        var created = await service.Grains.GetGrain<IFloatingIpGrain>(template.Id).CreateAsync(template, requested);
        await FloatingIpServers.ShowAsync(service, null, created);
        return NeutronResponses.One(201, "floatingip", await ViewAsync(service, created));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var floatingIp = await service.FloatingIpAsync(id, caller);
        var body = await NeutronBody.ReadAsync(context, "floatingip", Updatable);
        var grain = service.Grains.GetGrain<IFloatingIpGrain>(floatingIp.Id);
        FloatingIp updated;
        if (body.Has("port_id"))
        {
            var portId = await PortForAsync(service, caller, body.String("port_id"), floatingIp.ProjectId);
            var fixedIp = body.Has("fixed_ip_address") && !body.IsNull("fixed_ip_address")
                ? NeutronBody.Address(body.String("fixed_ip_address"), "fixed_ip_address")
                : null;
            updated = await grain.AssociateAsync(portId, fixedIp, body.String("description"));
        }
        else
        {
            updated = await grain.AssociateAsync(floatingIp.PortId, floatingIp.FixedIpAddress, body.String("description"));
        }

        await FloatingIpServers.ShowAsync(service, floatingIp, updated);
        return NeutronResponses.One(200, "floatingip", await ViewAsync(service, updated));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var floatingIp = await service.FloatingIpAsync(id, context.Caller());
        await service.Grains.GetGrain<IFloatingIpGrain>(floatingIp.Id).DeleteAsync();
        await FloatingIpServers.ShowAsync(service, floatingIp, floatingIp with { PortId = null, FixedIpAddress = null });
        return NeutronResponses.NoContent();
    }

    /// <summary>The port to associate with: visible to the caller and of the floating IP's project.</summary>
    private static async Task<string?> PortForAsync(NetworkService service, OrleansCompute.Identity.CallerContext caller, string? portId, string projectId)
    {
        if (portId is null)
        {
            return null;
        }

        var port = await service.PortAsync(portId, caller);
        if (port.ProjectId != projectId && port.ProjectId.Length > 0)
        {
            throw NeutronFaultException.BadRequest($"Bad floatingip request: Port {portId} is not owned by the floating IP's project.", "BadRequest");
        }

        return port.Id;
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> ViewAsync(NetworkService service, FloatingIp floatingIp)
    {
        var port = floatingIp.PortId is null ? null : await service.Grains.GetGrain<IPortGrain>(floatingIp.PortId).GetAsync();
        return NeutronViews.FloatingIp(floatingIp, port);
    }
}
