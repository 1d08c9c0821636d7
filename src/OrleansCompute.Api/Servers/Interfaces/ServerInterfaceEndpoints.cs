using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Network;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using OrleansCompute.Policy;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Interfaces;

/// <summary>
/// Nova's <c>/servers/{server_id}/os-interface</c>: the server's ports (list, show), attach a port or a new port on
/// a network, detach. The server's addresses name its ports; each attachment is read from its port. Attach and
/// detach are the lifecycle rows <c>AttachInterface</c> / <c>DetachInterface</c> on the server grain.
/// </summary>
internal static class ServerInterfaceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{server_id}/os-interface", ListAsync).RequireServerPolicy(ComputePolicies.InterfacesList);
        routes.MapGet("/servers/{server_id}/os-interface/{port_id}", ShowAsync).RequireServerPolicy(ComputePolicies.InterfacesShow);
        routes.MapPost("/servers/{server_id}/os-interface", AttachAsync).RequireServerPolicy(ComputePolicies.InterfacesCreate);
        routes.MapDelete("/servers/{server_id}/os-interface/{port_id}", DetachAsync).RequireServerPolicy(ComputePolicies.InterfacesDelete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string server_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(server_id)).GetAsync(request.Caller);
        var ports = new List<NeutronPort>();
        foreach (var portId in PortIds(server))
        {
            if (await grains.GetGrain<IPortGrain>(portId).GetAsync() is { } port)
            {
                ports.Add(port);
            }
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("interfaceAttachments");
            foreach (var port in ports)
            {
                Write(w, port, request.Version);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string server_id, string port_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var server = await grains.GetGrain<IServerGrain>(ServerRoute.ParseId(server_id)).GetAsync(request.Caller);
        var held = PortIds(server).FirstOrDefault(p => string.Equals(p, port_id, StringComparison.OrdinalIgnoreCase));
        var port = held is null ? null : await grains.GetGrain<IPortGrain>(held).GetAsync();
        if (port is null)
        {
            throw ComputeFaultException.NotFound($"Instance {server.Id} does not have a port with id {port_id}");
        }

        return new JsonResponse(200, w => Envelope(w, port, request.Version));
    }

    private static async Task<IResult> AttachAsync(HttpContext context, string server_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var serverId = ServerRoute.ParseId(server_id);
        using var body = await JsonBody.ReadAsync(context);
        var attach = AttachInterfaceRequest.Parse(body.RootElement, request.Version);
        var network = context.RequestServices.GetRequiredService<NetworkService>();
        var wanted = await ResolveAsync(network, attach, serverId, request.Caller);
        await EnsureMayAttachAsync(context, network, wanted.NetworkId!);
        await grains.GetGrain<IServerInterfacesGrain>(serverId).AttachInterfaceAsync(new ServerActionCommand
        {
            Caller = request.Caller,
            Action = ServerActionKind.AttachInterface,
            Interface = wanted,
            PolicyChecked = true,
        });
        var port = await grains.GetGrain<IPortGrain>(wanted.PortId).GetAsync()
            ?? throw ComputeFaultException.NotFound($"Port id {wanted.PortId} could not be found.");
        return new JsonResponse(200, w => Envelope(w, port, request.Version));
    }

    private static async Task<IResult> DetachAsync(HttpContext context, string server_id, string port_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        await grains.GetGrain<IServerInterfacesGrain>(ServerRoute.ParseId(server_id)).DetachInterfaceAsync(new ServerActionCommand
        {
            Caller = request.Caller,
            Action = ServerActionKind.DetachInterface,
            Interface = new ServerInterfaceRequest { PortId = port_id },
            PolicyChecked = true,
        });
        return Results.StatusCode(202);
    }

    /// <summary>
    /// What Nova asks Neutron before the attach: the port as the caller sees it (404; another server's: 409) or the
    /// network (404); with neither, the project's one available network, as a create with <c>auto</c>.
    /// </summary>
    private static async Task<ServerInterfaceRequest> ResolveAsync(NetworkService network, AttachInterfaceRequest attach, Guid serverId, CallerContext caller)
    {
        if (attach.PortId is { } portId)
        {
            NeutronPort port;
            try
            {
                port = await network.PortAsync(portId, caller);
            }
            catch (NeutronFaultException)
            {
                throw ComputeFaultException.NotFound($"Port id {portId} could not be found.");
            }

            if (port.DeviceId.Length > 0 && !string.Equals(port.DeviceId, serverId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                throw ComputeFaultException.Conflict($"Port {portId} is still in use.");
            }

            return new ServerInterfaceRequest { PortId = port.Id, NetworkId = port.NetworkId, Tag = attach.Tag };
        }

        string networkId;
        if (attach.NetworkId is { } asked)
        {
            try
            {
                networkId = (await network.NetworkAsync(asked, caller)).Id;
            }
            catch (NeutronFaultException)
            {
                throw ComputeFaultException.NotFound($"Network {asked} could not be found.");
            }
        }
        else
        {
            networkId = (await new ServerNetworkResolver(network).ResolveAsync([], auto: true, caller))[0].NetworkId!;
        }

        // The new port's id is chosen here so the answer names it; the network service makes it under this id.
        return new ServerInterfaceRequest { PortId = Guid.NewGuid().ToString(), NetworkId = networkId, CreatesPort = true, FixedIp = attach.FixedIp, Tag = attach.Tag };
    }

    /// <summary>
    /// Nova's <c>_check_external_network_attach</c>: a <c>router:external</c> network that is not shared is refused
    /// (403 ExternalNetworkAttachForbidden) unless <c>network:attach_external_network</c> allows the caller (admin).
    /// </summary>
    private static async Task EnsureMayAttachAsync(HttpContext context, NetworkService network, string networkId)
    {
        var target = await network.Grains.GetGrain<INeutronNetworkGrain>(networkId).GetAsync();
        if (target is { External: true, Shared: false } && !context.IsAllowed(ComputePolicies.AttachExternalNetwork))
        {
            throw ComputeFaultException.Forbidden($"It is not allowed to create an interface on external network {networkId}");
        }
    }

    private static IEnumerable<string> PortIds(ServerSnapshot server) =>
        server.Addresses.Select(a => a.PortId).OfType<string>().Distinct(StringComparer.Ordinal);

    private static void Envelope(Utf8JsonWriter w, NeutronPort port, ApiVersion version)
    {
        w.WriteStartObject();
        w.WritePropertyName("interfaceAttachment");
        Write(w, port, version);
        w.WriteEndObject();
    }

    /// <summary>Nova's view of a port: state, ids, MAC, fixed IPs; the device tag from 2.70.</summary>
    private static void Write(Utf8JsonWriter w, NeutronPort port, ApiVersion version)
    {
        w.WriteStartObject();
        w.WriteString("port_state", port.Status);
        w.WriteStartArray("fixed_ips");
        foreach (var ip in port.FixedIps)
        {
            w.WriteStartObject();
            w.WriteString("subnet_id", ip.SubnetId);
            w.WriteString("ip_address", ip.IpAddress);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("port_id", port.Id);
        w.WriteString("net_id", port.NetworkId);
        w.WriteString("mac_addr", port.MacAddress);
        if (version.AtLeast(2, 70))
        {
            w.WriteString("tag", port.Tag); // null when the interface has none, as Nova shows it
        }

        w.WriteEndObject();
    }
}
