using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's <c>/v2.0/networks</c>: list, show, create, update, delete.</summary>
internal static class NetworkEndpoints
{
    private static readonly HashSet<string> SortKeys = ["admin_state_up", "availability_zone_hints", "id", "mtu", "name", "status", "project_id"];

    private static readonly HashSet<string> Updatable =
        ["name", "description", "admin_state_up", "shared", "router:external", "mtu", "port_security_enabled", "is_default", "dns_domain", "qos_policy_id"];

    private static readonly HashSet<string> Creatable =
    [
        .. Updatable, "project_id", "tenant_id", "availability_zone_hints", "provider:network_type", "provider:physical_network",
        "provider:segmentation_id",
    ];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/networks", ListAsync);
        v2.MapGet("/networks/{id}", ShowAsync);
        v2.MapPost("/networks", CreateAsync);
        v2.MapPut("/networks/{id}", UpdateAsync);
        v2.MapDelete("/networks/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var networks = await service.ListAsync<NeutronNetwork>(NeutronKinds.Network, caller, n => NeutronVisibility.Sees(caller, n));
        return NeutronListing.Respond(context, "networks", networks.Select(n => NeutronViews.Network(n, caller)), SortKeys, NeutronFaultException.NetworkNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var caller = context.Caller();
        var network = await Service(context).NetworkAsync(id, caller);
        return Shown(context, "network", NeutronViews.Network(network, caller));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "network", Creatable);
        var projectId = NeutronVisibility.ProjectFor(caller, body, "create_network");
        NeutronVisibility.AdminOnly(caller, body.Has("shared"), "create_network:shared");
        NeutronVisibility.AdminOnly(caller, body.Has("router:external"), "create_network:router:external");
        NeutronVisibility.AdminOnly(caller, body.Has("is_default"), "create_network:is_default");
        NeutronVisibility.AdminOnly(caller, body.Has("provider:network_type") || body.Has("provider:physical_network") || body.Has("provider:segmentation_id"), "create_network:provider:network_type");
        var network = new NeutronNetwork { Id = NeutronIds.NewId(), ProjectId = projectId };
        network = Apply(network, body);
        var created = await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).CreateAsync(network);
        // Neutron makes the project's default security group with its first network.
        await ProjectSecurityGroups.EnsureAsync(service.Grains, projectId, service.Catalog);
        return NeutronResponses.One(201, "network", NeutronViews.Network(created, caller));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var network = await service.NetworkAsync(id, caller);
        var body = await NeutronBody.ReadAsync(context, "network", Updatable);
        NeutronVisibility.MustOwn(caller, network.ProjectId, "update_network");
        NeutronVisibility.AdminOnly(caller, body.Has("shared"), "update_network:shared");
        NeutronVisibility.AdminOnly(caller, body.Has("router:external"), "update_network:router:external");
        NeutronVisibility.AdminOnly(caller, body.Has("is_default"), "update_network:is_default");
        var updated = await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).UpdateAsync(Apply(network, body));
        return NeutronResponses.One(200, "network", NeutronViews.Network(updated, caller));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var network = await service.NetworkAsync(id, caller);
        NeutronVisibility.MustOwn(caller, network.ProjectId, "delete_network");
        await service.Grains.GetGrain<INeutronNetworkGrain>(network.Id).DeleteAsync();
        return NeutronResponses.NoContent();
    }

    private static NeutronNetwork Apply(NeutronNetwork network, NeutronBody body) => network with
    {
        Name = body.String("name") ?? network.Name,
        Description = body.String("description") ?? network.Description,
        AdminStateUp = body.Bool("admin_state_up") ?? network.AdminStateUp,
        Shared = body.Bool("shared") ?? network.Shared,
        External = body.Bool("router:external") ?? network.External,
        IsDefault = body.Bool("is_default") ?? network.IsDefault,
        Mtu = body.Int("mtu", 68, 9216) ?? network.Mtu,
        PortSecurityEnabled = body.Bool("port_security_enabled") ?? network.PortSecurityEnabled,
    };
}
