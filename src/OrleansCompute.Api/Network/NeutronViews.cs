using System.Globalization;
using System.Text.Json.Nodes;
using OrleansCompute.Identity;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>Each resource in Neutron's shape; attributes only admins may read are left out for others.</summary>
internal static class NeutronViews
{
    public static JsonObject Network(NeutronNetwork n, CallerContext caller)
    {
        var o = new JsonObject
        {
            ["id"] = n.Id,
            ["name"] = n.Name,
            ["description"] = n.Description,
            ["admin_state_up"] = n.AdminStateUp,
            ["status"] = n.Status,
            ["shared"] = n.Shared,
            ["router:external"] = n.External,
            ["subnets"] = Array(n.Subnets),
            ["mtu"] = n.Mtu,
            ["port_security_enabled"] = n.PortSecurityEnabled,
            ["is_default"] = n.IsDefault,
            ["availability_zone_hints"] = new JsonArray(),
            ["availability_zones"] = new JsonArray("nova"),
            ["ipv4_address_scope"] = null,
            ["ipv6_address_scope"] = null,
            ["dns_domain"] = "",
            ["qos_policy_id"] = null,
            ["l2_adjacency"] = true,
        };
        if (caller.IsAdmin)
        {
            o["provider:network_type"] = "local";
            o["provider:physical_network"] = null;
            o["provider:segmentation_id"] = null;
        }

        return Standard(o, n.ProjectId, n.Tags, n.CreatedAt, n.UpdatedAt, n.RevisionNumber);
    }

    public static JsonObject Subnet(NeutronSubnet s)
    {
        var o = new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["network_id"] = s.NetworkId,
            ["ip_version"] = s.IpVersion,
            ["cidr"] = s.Cidr,
            ["gateway_ip"] = s.GatewayIp,
            ["allocation_pools"] = new JsonArray(s.AllocationPools.Select(p => (JsonNode)new JsonObject { ["start"] = p.Start, ["end"] = p.End }).ToArray()),
            ["dns_nameservers"] = Array(s.DnsNameservers),
            ["host_routes"] = new JsonArray(s.HostRoutes.Select(r => (JsonNode)new JsonObject { ["destination"] = r.Destination, ["nexthop"] = r.Nexthop }).ToArray()),
            ["enable_dhcp"] = s.EnableDhcp,
            ["ipv6_ra_mode"] = s.Ipv6RaMode,
            ["ipv6_address_mode"] = s.Ipv6AddressMode,
            ["subnetpool_id"] = null,
            ["segment_id"] = null,
            ["service_types"] = new JsonArray(),
            ["dns_publish_fixed_ip"] = false,
        };
        return Standard(o, s.ProjectId, s.Tags, s.CreatedAt, s.UpdatedAt, s.RevisionNumber);
    }

    public static JsonObject Port(NeutronPort p, CallerContext caller)
    {
        var o = new JsonObject
        {
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["description"] = p.Description,
            ["network_id"] = p.NetworkId,
            ["admin_state_up"] = p.AdminStateUp,
            ["mac_address"] = p.MacAddress,
            ["fixed_ips"] = new JsonArray(p.FixedIps.Select(f => (JsonNode)new JsonObject { ["subnet_id"] = f.SubnetId, ["ip_address"] = f.IpAddress }).ToArray()),
            ["device_id"] = p.DeviceId,
            ["device_owner"] = p.DeviceOwner,
            ["status"] = p.Status,
            ["security_groups"] = Array(p.SecurityGroups),
            ["port_security_enabled"] = p.PortSecurityEnabled,
            ["allowed_address_pairs"] = new JsonArray(p.AllowedAddressPairs.Select(a => (JsonNode)new JsonObject { ["ip_address"] = a.IpAddress, ["mac_address"] = a.MacAddress }).ToArray()),
            ["extra_dhcp_opts"] = new JsonArray(),
            ["binding:vnic_type"] = p.BindingVnicType,
            ["ip_allocation"] = "immediate",
            ["dns_name"] = "",
            ["dns_assignment"] = new JsonArray(),
            ["propagate_uplink_status"] = false,
            ["qos_policy_id"] = null,
            ["qos_network_policy_id"] = null,
        };
        if (caller.IsAdmin)
        {
            var bound = p.BindingHostId.Length > 0;
            o["binding:host_id"] = p.BindingHostId;
            o["binding:profile"] = new JsonObject();
            o["binding:vif_type"] = bound ? "ovs" : "unbound";
            o["binding:vif_details"] = bound ? new JsonObject { ["port_filter"] = true, ["connectivity"] = "l2" } : new JsonObject();
            o["resource_request"] = null;
        }

        return Standard(o, p.ProjectId, p.Tags, p.CreatedAt, p.UpdatedAt, p.RevisionNumber);
    }

    public static JsonObject SecurityGroup(SecurityGroup g)
    {
        var o = new JsonObject
        {
            ["id"] = g.Id,
            ["name"] = g.Name,
            ["description"] = g.Description,
            ["security_group_rules"] = new JsonArray(g.Rules.Select(r => (JsonNode)Rule(r, g)).ToArray()),
            ["stateful"] = g.Stateful,
            ["shared"] = false,
        };
        return Standard(o, g.ProjectId, g.Tags, g.CreatedAt, g.UpdatedAt, g.RevisionNumber);
    }

    public static JsonObject Rule(SecurityGroupRule r, SecurityGroup? group)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["security_group_id"] = r.SecurityGroupId,
            ["direction"] = r.Direction,
            ["ethertype"] = r.Ethertype,
            ["protocol"] = r.Protocol,
            ["port_range_min"] = r.PortRangeMin,
            ["port_range_max"] = r.PortRangeMax,
            ["remote_ip_prefix"] = r.RemoteIpPrefix,
            ["remote_group_id"] = r.RemoteGroupId,
            ["remote_address_group_id"] = null,
            ["normalized_cidr"] = r.RemoteIpPrefix,
            ["description"] = r.Description,
            ["belongs_to_default_sg"] = group?.Name == SecurityGroupDefaults.DefaultName,
        };
        return Standard(o, r.ProjectId, null, r.CreatedAt, r.UpdatedAt, r.RevisionNumber);
    }

    public static JsonObject FloatingIp(FloatingIp f, NeutronPort? port)
    {
        var o = new JsonObject
        {
            ["id"] = f.Id,
            ["floating_ip_address"] = f.FloatingIpAddress,
            ["floating_network_id"] = f.FloatingNetworkId,
            ["router_id"] = null,
            ["port_id"] = f.PortId,
            ["fixed_ip_address"] = f.FixedIpAddress,
            ["status"] = f.Status,
            ["description"] = f.Description,
            ["dns_domain"] = "",
            ["dns_name"] = "",
            ["qos_policy_id"] = null,
            ["port_forwardings"] = new JsonArray(),
            ["port_details"] = port is null ? null : new JsonObject
            {
                ["name"] = port.Name,
                ["network_id"] = port.NetworkId,
                ["mac_address"] = port.MacAddress,
                ["admin_state_up"] = port.AdminStateUp,
                ["status"] = port.Status,
                ["device_id"] = port.DeviceId,
                ["device_owner"] = port.DeviceOwner,
            },
        };
        return Standard(o, f.ProjectId, f.Tags, f.CreatedAt, f.UpdatedAt, f.RevisionNumber);
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Standard(JsonObject o, string projectId, IReadOnlyList<string>? tags, DateTimeOffset created, DateTimeOffset updated, long revision)
    {
        o["project_id"] = projectId;
        o["tenant_id"] = projectId;
        if (tags is not null)
        {
            o["tags"] = Array(tags);
        }

        o["created_at"] = Timestamp(created);
        o["updated_at"] = Timestamp(updated);
        o["revision_number"] = revision;
        return o;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
