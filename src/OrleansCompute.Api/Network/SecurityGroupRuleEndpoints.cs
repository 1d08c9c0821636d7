using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Networking;
using static OrleansCompute.Api.Network.NeutronRoutes;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's <c>/v2.0/security-group-rules</c>: checked as Neutron checks them, kept by their group's grain.</summary>
internal static class SecurityGroupRuleEndpoints
{
    private static readonly HashSet<string> SortKeys =
        ["direction", "ethertype", "id", "port_range_max", "port_range_min", "protocol", "remote_group_id", "remote_ip_prefix", "security_group_id", "project_id"];

    private static readonly HashSet<string> Creatable =
    [
        "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id",
        "remote_address_group_id", "description", "project_id", "tenant_id",
    ];

    private static readonly Dictionary<string, int> ProtocolNumbers = new(StringComparer.Ordinal)
    {
        ["icmp"] = 1, ["tcp"] = 6, ["udp"] = 17, ["sctp"] = 132, ["icmpv6"] = 58, ["ipv6-icmp"] = 58, ["ah"] = 51, ["esp"] = 50, ["gre"] = 47,
        ["igmp"] = 2, ["ipip"] = 4, ["ospf"] = 89, ["pgm"] = 113, ["rsvp"] = 46, ["udplite"] = 136, ["vrrp"] = 112, ["dccp"] = 33,
        ["egp"] = 8, ["ipv6-encap"] = 41, ["ipv6-frag"] = 44, ["ipv6-nonxt"] = 59, ["ipv6-opts"] = 60, ["ipv6-route"] = 43, ["any"] = -1,
    };

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/security-group-rules", ListAsync);
        v2.MapGet("/security-group-rules/{id}", ShowAsync);
        v2.MapPost("/security-group-rules", CreateAsync);
        v2.MapDelete("/security-group-rules/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var caller = context.Caller();
        var rules = await Service(context).ListAsync<SecurityGroupRule>(NeutronKinds.SecurityGroupRule, caller, r => NeutronVisibility.Owns(caller, r.ProjectId));
        return NeutronListing.Respond(
            context, "security_group_rules", rules.Select(r => NeutronViews.Rule(r, null)), SortKeys, NeutronFaultException.RuleNotFound);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var rule = await Service(context).RuleAsync(id, context.Caller());
        return Shown(context, "security_group_rule", NeutronViews.Rule(rule, null));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var service = Service(context);
        var caller = context.Caller();
        var body = await NeutronBody.ReadAsync(context, "security_group_rule", Creatable);
        var groupId = body.String("security_group_id") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'security_group_id' not specified");
        var direction = body.String("direction") ?? throw NeutronFaultException.BadRequest("Failed to parse request. Required attribute 'direction' not specified");
        if (direction is not ("ingress" or "egress"))
        {
            throw NeutronFaultException.InvalidInput($"'{direction}' is not in ['ingress', 'egress']");
        }

        var ethertype = body.String("ethertype") ?? "IPv4";
        if (ethertype is not ("IPv4" or "IPv6"))
        {
            throw NeutronFaultException.BadRequest($"Security group rule for ethertype '{ethertype}' not supported. Allowed values are ['IPv4', 'IPv6'].", "SecurityGroupRuleInvalidEtherType");
        }

        var group = await service.SecurityGroupAsync(groupId, caller);
        var protocol = Protocol(body.String("protocol"), ethertype);
        var min = body.Int("port_range_min");
        var max = body.Int("port_range_max");
        CheckPorts(protocol, min, max);
        var prefix = Prefix(body.String("remote_ip_prefix"), ethertype);
        var remoteGroup = body.String("remote_group_id");
        if (prefix is not null && remoteGroup is not null)
        {
            throw NeutronFaultException.BadRequest("Only remote_ip_prefix or remote_group_id may be provided.", "SecurityGroupMultipleRemoteEntites");
        }

        if (remoteGroup is not null)
        {
            await service.SecurityGroupAsync(remoteGroup, caller);
        }

        var rule = new SecurityGroupRule
        {
            Id = NeutronIds.NewId(),
            SecurityGroupId = group.Id,
            ProjectId = group.ProjectId,
            Direction = direction,
            Ethertype = ethertype,
            Protocol = protocol,
            PortRangeMin = min,
            PortRangeMax = max,
            RemoteIpPrefix = prefix,
            RemoteGroupId = remoteGroup,
            Description = body.String("description") ?? "",
        };
        var added = await service.Grains.GetGrain<ISecurityGroupGrain>(group.Id).AddRuleAsync(rule);
        return NeutronResponses.One(201, "security_group_rule", NeutronViews.Rule(added, group));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var service = Service(context);
        var rule = await service.RuleAsync(id, context.Caller());
        await service.Grains.GetGrain<ISecurityGroupGrain>(rule.SecurityGroupId).DeleteRuleAsync(rule.Id);
        return NeutronResponses.NoContent();
    }

    private static string? Protocol(string? protocol, string ethertype)
    {
        if (protocol is null or "any")
        {
            return null;
        }

        var known = ProtocolNumbers.ContainsKey(protocol)
            || (int.TryParse(protocol, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 255);
        if (!known)
        {
            throw NeutronFaultException.BadRequest(
                $"Security group rule protocol {protocol} not supported. Only protocol values [None, 'tcp', 'udp', 'icmp', ...] and integer representations [0 to 255] are supported.",
                "SecurityGroupRuleInvalidProtocol");
        }

        if (ethertype == "IPv4" && protocol is "icmpv6" or "ipv6-icmp")
        {
            throw NeutronFaultException.BadRequest($"Security group rule for ethertype '{ethertype}' not supported. Allowed values are ['IPv6'].", "SecurityGroupEthertypeConflictWithProtocol");
        }

        return protocol;
    }

    private static void CheckPorts(string? protocol, int? min, int? max)
    {
        if (min is null && max is null)
        {
            return;
        }

        if (protocol is null)
        {
            throw NeutronFaultException.BadRequest("Must also specify protocol if port range is given.", "SecurityGroupProtocolRequiredWithPorts");
        }

        var number = ProtocolNumbers.TryGetValue(protocol, out var n) ? n : int.Parse(protocol, CultureInfo.InvariantCulture);
        if (number is 1 or 58)
        {
            if (min is < 0 or > 255 || max is < 0 or > 255)
            {
                throw NeutronFaultException.BadRequest($"Invalid value for ICMP type or code: {min}/{max}.", "SecurityGroupInvalidIcmpValue");
            }

            if (max is not null && min is null)
            {
                throw NeutronFaultException.BadRequest("ICMP code (port-range-max) is provided but ICMP type (port-range-min) is missing.", "SecurityGroupMissingIcmpType");
            }

            return;
        }

        if (number is not (6 or 17 or 132 or 33 or 136))
        {
            throw NeutronFaultException.BadRequest($"Invalid protocol {protocol} for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.", "SecurityGroupInvalidProtocolForPort");
        }

        if (min is < 1 or > 65535 || max is < 1 or > 65535)
        {
            throw NeutronFaultException.BadRequest($"Invalid value for port {(min is < 1 or > 65535 ? min : max)}.", "SecurityGroupInvalidPortValue");
        }

        if (min > max || (min is null) != (max is null))
        {
            throw NeutronFaultException.BadRequest("For TCP/UDP protocols, port_range_min must be <= port_range_max", "SecurityGroupInvalidPortRange");
        }
    }

    private static string? Prefix(string? prefix, string ethertype)
    {
        if (prefix is null)
        {
            return null;
        }

        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? prefix : prefix[..slash];
        if (!IPAddress.TryParse(addressText, out var address)
            || (slash >= 0 && !int.TryParse(prefix.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw NeutronFaultException.InvalidInput($"'{prefix}' is not a valid IP subnet");
        }

        var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        if (family != ethertype)
        {
            throw NeutronFaultException.BadRequest(
                $"Conflicting value ethertype {ethertype} for CIDR {prefix}", "SecurityGroupRuleParameterConflict");
        }

        return slash < 0 ? $"{address}/{(family == "IPv4" ? 32 : 128)}" : prefix;
    }
}
