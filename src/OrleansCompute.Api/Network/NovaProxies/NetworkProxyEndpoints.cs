using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Networking;
using OrleansCompute.Policy;
using static OrleansCompute.Api.Network.NovaProxies.NovaNetworkProxy;

namespace OrleansCompute.Api.Network.NovaProxies;

/// <summary>
/// Nova's <c>os-networks</c> and <c>os-tenant-networks</c> reads (below 2.36) with Neutron behind: the networks the
/// caller sees. What nova-network described is gone: <c>os-networks</c> fills its fields with null but the id and
/// <c>label</c> (the name), with the admin fields (null as well) for admins; <c>os-tenant-networks</c> answers id,
/// label and the string <c>"None"</c> as cidr, as Nova does. An unknown network is 404 "Network not found". Their
/// create, delete, add and disassociate are 410 at every version (<c>Operator/RemovedRoutes</c>).
/// </summary>
internal static class NetworkProxyEndpoints
{
    private static readonly string[] Fields = ["id", "cidr", "netmask", "gateway", "broadcast", "dns1", "dns2", "cidr_v6", "gateway_v6", "label", "netmask_v6"];

    private static readonly string[] AdminFields =
    [
        "created_at", "updated_at", "deleted_at", "deleted", "injected", "bridge", "vlan", "vpn_public_address", "vpn_public_port",
        "vpn_private_address", "dhcp_start", "project_id", "host", "bridge_interface", "multi_host", "priority", "rxtx_base", "mtu",
        "dhcp_server", "enable_dhcp", "share_address",
    ];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-networks", (HttpContext context, [FromServices] NetworkService registered) => ListAsync(context, WriteNetwork)).BelowProxyCutoff().RequirePolicy(ComputePolicies.NetworksList);
        routes.MapGet("/os-networks/{id}", (HttpContext context, string id) => ShowAsync(context, id, WriteNetwork)).BelowProxyCutoff().RequirePolicy(ComputePolicies.NetworksShow);
        routes.MapGet("/os-tenant-networks", (HttpContext context, [FromServices] NetworkService registered) => ListAsync(context, WriteTenantNetwork)).BelowProxyCutoff().RequirePolicy(ComputePolicies.TenantNetworksList);
        routes.MapGet("/os-tenant-networks/{id}", (HttpContext context, string id) => ShowAsync(context, id, WriteTenantNetwork)).BelowProxyCutoff().RequirePolicy(ComputePolicies.TenantNetworksShow);
    }

    private static async Task<IResult> ListAsync(HttpContext context, Action<Utf8JsonWriter, NeutronNetwork, bool> write)
    {
        var (request, network) = Begin(context);
        var caller = request.Caller;
        var networks = await network.ListAsync<NeutronNetwork>(NeutronKinds.Network, caller, n => NeutronVisibility.Sees(caller, n));
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("networks");
            foreach (var each in networks)
            {
                write(w, each, caller.IsAdmin);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, Action<Utf8JsonWriter, NeutronNetwork, bool> write)
    {
        var (request, network) = Begin(context);
        NeutronNetwork found;
        try
        {
            found = await network.NetworkAsync(id, request.Caller);
        }
        catch (NeutronFaultException)
        {
            throw ComputeFaultException.NotFound("Network not found");
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("network");
            write(w, found, request.Caller.IsAdmin);
            w.WriteEndObject();
        });
    }

    private static void WriteNetwork(Utf8JsonWriter w, NeutronNetwork network, bool admin)
    {
        w.WriteStartObject();
        foreach (var field in admin ? [.. Fields, .. AdminFields] : Fields)
        {
            switch (field)
            {
                case "id":
                    w.WriteString(field, network.Id);
                    break;
                case "label":
                    w.WriteString(field, network.Name);
                    break;
                default:
                    w.WriteNull(field);
                    break;
            }
        }

        w.WriteEndObject();
    }

    private static void WriteTenantNetwork(Utf8JsonWriter w, NeutronNetwork network, bool admin)
    {
        w.WriteStartObject();
        w.WriteString("id", network.Id);
        w.WriteString("cidr", "None");
        w.WriteString("label", network.Name);
        w.WriteEndObject();
    }
}
