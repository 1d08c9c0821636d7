using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Identity;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>
/// Neutron's <c>/v2.0/ports</c>. Addresses come from the network's grain; a port a server owns cannot be deleted
/// here (detach it through Nova first); <c>binding:*</c> is for admins.
/// </summary>
internal static partial class PortEndpoints
{
    private static readonly HashSet<string> SortKeys =
        ["admin_state_up", "device_id", "device_owner", "id", "ip_allocation", "mac_address", "name", "network_id", "status", "project_id"];

    private static readonly HashSet<string> Updatable =
    [
        "name", "description", "admin_state_up", "fixed_ips", "device_id", "device_owner", "security_groups", "port_security_enabled",
        "allowed_address_pairs", "binding:host_id", "binding:vnic_type", "binding:profile", "mac_address", "extra_dhcp_opts", "dns_name",
        "qos_policy_id", "propagate_uplink_status",
    ];

    private static readonly HashSet<string> Creatable = [.. Updatable, "network_id", "project_id", "tenant_id"];

    private static readonly HashSet<string> VnicTypes =
        ["normal", "direct", "macvtap", "baremetal", "direct-physical", "virtio-forwarder", "smart-nic", "remote-managed", "vdpa"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/ports", ListAsync);
        v2.MapGet("/ports/{id}", ShowAsync);
        v2.MapPost("/ports", CreateAsync);
        v2.MapPut("/ports/{id}", UpdateAsync);
        v2.MapDelete("/ports/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var caller = context.Caller();
        var ports = await Service(context).ListAsync<NeutronPort>(NeutronKinds.Port, caller, p => NeutronVisibility.Sees(caller, p.ProjectId));
        return NeutronListing.Respond(context, "ports", ports.Select(p => NeutronViews.Port(p, caller)), SortKeys, NeutronFaultException.PortNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var caller = context.Caller();
        var port = await Service(context).PortAsync(id, caller);
        return Shown(context, "port", NeutronViews.Port(port, caller));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "port", Creatable);
        var networkId = body.String("network_id") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'network_id' not specified");
        var network = await service.NetworkAsync(networkId, caller);
        if (!NeutronVisibility.Owns(caller, network.ProjectId) && !network.Shared && network.ProjectId.Length > 0)
        {
            throw NeutronFaultException.Forbidden("rule:create_port is disallowed by policy");
        }

        var projectId = NeutronVisibility.ProjectFor(caller, body, "create_port");
        CheckAdminAttributes(caller, body, "create_port");
        var port = Apply(new NeutronPort
        {
            Id = NeutronIds.NewId(),
            NetworkId = network.Id,
            ProjectId = projectId,
            MacAddress = "",
            PortSecurityEnabled = network.PortSecurityEnabled,
        }, body);
        port = port with { SecurityGroups = await SecurityGroupsAsync(service, caller, body, port) };
        CheckPortSecurity(port);
        var created = await service.Grains.GetGrain<IPortGrain>(port.Id).CreateAsync(new PortCreate(port, FixedIps(body)));
        return NeutronResponses.One(201, "port", NeutronViews.Port(created, caller));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var port = await service.PortAsync(id, caller);
        var body = await NeutronBody.ReadAsync(context, "port", Updatable);
        NeutronVisibility.MustOwn(caller, port.ProjectId, "update_port");
        CheckAdminAttributes(caller, body, "update_port");
        if (body.Has("mac_address") && port.IsBoundToServer && body.String("mac_address") != port.MacAddress)
        {
            throw NeutronFaultException.Conflict("PortBound", $"Unable to complete operation on port {port.Id}, port is already bound, port type: ovs, old_mac {port.MacAddress}, new_mac {body.String("mac_address")}.");
        }

        var desired = Apply(port, body);
        if (body.Has("security_groups"))
        {
            desired = desired with { SecurityGroups = await SecurityGroupsAsync(service, caller, body, desired) };
        }
        else if (!desired.PortSecurityEnabled && port.PortSecurityEnabled && desired.SecurityGroups.Count > 0)
        {
            throw NeutronFaultException.Conflict("PortSecurityPortHasSecurityGroup", "Port has security group associated. Cannot disable port security or IP address until security group is removed.");
        }

        CheckPortSecurity(desired);
        var updated = await service.Grains.GetGrain<IPortGrain>(port.Id).UpdateAsync(new PortUpdate(desired, FixedIps(body)));
        return NeutronResponses.One(200, "port", NeutronViews.Port(updated, caller));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var caller = context.Caller();
        var port = await service.PortAsync(id, caller);
        NeutronVisibility.MustOwn(caller, port.ProjectId, "delete_port");
        await service.Grains.GetGrain<IPortGrain>(port.Id).DeleteAsync(force: false);
        return NeutronResponses.NoContent();
    }

    private static void CheckAdminAttributes(CallerContext caller, NeutronBody body, string rule)
    {
        NeutronVisibility.AdminOnly(caller, body.Has("binding:host_id"), rule + ":binding:host_id");
        NeutronVisibility.AdminOnly(caller, body.Has("binding:profile"), rule + ":binding:profile");
    }

    private static NeutronPort Apply(NeutronPort port, NeutronBody body)
    {
        var mac = body.String("mac_address");
        if (mac is not null && !MacPattern().IsMatch(mac))
        {
            throw NeutronFaultException.InvalidInput($"'{mac}' is not a valid MAC address");
        }

        var vnic = body.String("binding:vnic_type");
        if (vnic is not null && !VnicTypes.Contains(vnic))
        {
            throw NeutronFaultException.InvalidInput($"'{vnic}' is not in the valid vnic types");
        }

        return port with
        {
            Name = body.String("name") ?? port.Name,
            Description = body.String("description") ?? port.Description,
            AdminStateUp = body.Bool("admin_state_up") ?? port.AdminStateUp,
            DeviceId = body.String("device_id") ?? port.DeviceId,
            DeviceOwner = body.String("device_owner") ?? port.DeviceOwner,
            PortSecurityEnabled = body.Bool("port_security_enabled") ?? port.PortSecurityEnabled,
            BindingHostId = body.IsNull("binding:host_id") ? "" : body.String("binding:host_id") ?? port.BindingHostId,
            BindingVnicType = vnic ?? port.BindingVnicType,
            MacAddress = mac?.ToLowerInvariant() ?? port.MacAddress,
            AllowedAddressPairs = body.Objects("allowed_address_pairs") is { } pairs
                ? pairs.Select(p => new AddressPair(
                    NeutronBody.Member(p, "ip_address") ?? throw NeutronFaultException.InvalidInput("Allowed address pairs must have an ip_address"),
                    NeutronBody.Member(p, "mac_address") ?? port.MacAddress)).ToList()
                : port.AllowedAddressPairs,
        };
    }

    private static IReadOnlyList<FixedIpRequest>? FixedIps(NeutronBody body) =>
        body.Objects("fixed_ips")?.Select(f =>
        {
            var subnet = NeutronBody.Member(f, "subnet_id");
            var address = NeutronBody.Member(f, "ip_address");
            if (subnet is null && address is null)
            {
                throw NeutronFaultException.InvalidInput("Exceeded maximum amount of fixed ips per port, or a fixed IP names neither subnet_id nor ip_address.");
            }

            return new FixedIpRequest(subnet, address is null ? null : NeutronBody.Address(address, "fixed_ips"));
        }).ToList();

    /// <summary>The port's groups: those named (each must be the port's project's), else the project's default.</summary>
    private static async Task<IReadOnlyList<string>> SecurityGroupsAsync(NetworkService service, CallerContext caller, NeutronBody body, NeutronPort port)
    {
        var named = body.Strings("security_groups");
        if (named is null)
        {
            if (!port.PortSecurityEnabled || port.DeviceOwner.StartsWith("network:", StringComparison.Ordinal) || port.ProjectId.Length == 0)
            {
                return [];
            }

            await ProjectSecurityGroups.EnsureAsync(service.Grains, port.ProjectId, service.Catalog);
            return [NeutronIds.DefaultSecurityGroup(port.ProjectId)];
        }

        foreach (var id in named)
        {
            var group = await service.SecurityGroupAsync(id, caller);
            if (group.ProjectId != port.ProjectId && !caller.IsAdmin)
            {
                throw NeutronFaultException.SecurityGroupNotFound(id);
            }
        }

        return named.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CheckPortSecurity(NeutronPort port)
    {
        if (port.PortSecurityEnabled)
        {
            return;
        }

        if (port.SecurityGroups.Count > 0)
        {
            throw NeutronFaultException.BadRequest("Port security must be enabled and port must have an IP address in order to use security groups.", "PortSecurityAndIPRequiredForSecurityGroups");
        }

        if (port.AllowedAddressPairs.Count > 0)
        {
            throw NeutronFaultException.Conflict("AddressPairAndPortSecurityRequired", "Port Security must be enabled in order to have allowed address pairs on a port.");
        }
    }


    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")]
    private static partial Regex MacPattern();
}
