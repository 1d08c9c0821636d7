using System.Globalization;
using System.Net;
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
/// Nova's <c>os-security-group-rules</c> proxy (below 2.36): an ingress rule made from Nova's fields
/// (<c>parent_group_id</c>, <c>ip_protocol</c>, <c>from_port</c>, <c>to_port</c>, <c>cidr</c> or <c>group_id</c>)
/// with Nova's checks and messages (<c>_new_ingress_rule</c>), kept as a Neutron rule; delete answers 202.
/// </summary>
internal static class SecurityGroupRuleProxyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/os-security-group-rules", CreateAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupRuleCreate);
        routes.MapDelete("/os-security-group-rules/{id}", DeleteAsync).BelowProxyCutoff().RequirePolicy(ComputePolicies.SecurityGroupRuleDelete);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] NetworkService registered)
    {
        var (request, network) = Begin(context);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
        {
            throw ComputeFaultException.BadRequest("The request body can't be empty");
        }

        if (!root.TryGetProperty("security_group_rule", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Missing parameter security_group_rule");
        }

        var parent = await CallAsync(() => network.SecurityGroupAsync(SecurityGroupId(Text(fields, "parent_group_id")), request.Caller));
        var groupId = Text(fields, "group_id");
        SecurityGroup? source = null;
        if (groupId is not null)
        {
            source = await CallAsync(() => network.SecurityGroupAsync(SecurityGroupId(groupId), request.Caller));
        }

        var rule = NovaIngressRule.Build(parent, source?.Id, Text(fields, "ip_protocol"), Text(fields, "from_port"), Text(fields, "to_port"), Text(fields, "cidr"))
            ?? throw ComputeFaultException.BadRequest("Not enough parameters to build a valid rule.");
        // Neutron's 409 (the same rule exists) is what Nova reports as a quota refusal: 403 with Neutron's message.
        var added = await CallAsync(() => network.Grains.GetGrain<ISecurityGroupGrain>(parent.Id).AddRuleAsync(rule), conflictStatus: 403);
        var remotes = await NovaSecurityGroupView.RemotesAsync(network, source is null ? [parent] : [parent, source]);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("security_group_rule");
            NovaSecurityGroupView.WriteRule(w, added, remotes);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id)
    {
        var (request, network) = Begin(context);
        var rule = await CallAsync(() => network.RuleAsync(SecurityGroupId(id), request.Caller));
        await CallAsync(async () =>
        {
            await network.Grains.GetGrain<ISecurityGroupGrain>(rule.SecurityGroupId).DeleteRuleAsync(rule.Id);
            return true;
        });
        return Results.StatusCode(202);
    }

    /// <summary>A field as Nova reads it (any JSON value, as text); null when absent or null.</summary>
    private static string? Text(JsonElement fields, string name) =>
        !fields.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.GetRawText();
}

/// <summary>Nova's <c>_rule_args_to_dict</c> / <c>_new_ingress_rule</c> over Neutron's rule model.</summary>
internal static class NovaIngressRule
{
    public static SecurityGroupRule? Build(SecurityGroup parent, string? groupId, string? protocol, string? fromText, string? toText, string? cidr)
    {
        string? prefix = null;
        if (groupId is null)
        {
            prefix = string.IsNullOrEmpty(cidr) ? "0.0.0.0/0" : ValidCidr(cidr);
        }

        var upper = protocol?.ToUpperInvariant() ?? "";
        if (groupId is not null && fromText is null && toText is null)
        {
            (fromText, toText) = upper switch { "ICMP" => ("-1", "-1"), "TCP" or "UDP" => ("1", "65535"), _ => (fromText, toText) };
        }

        if (string.IsNullOrEmpty(protocol) || fromText is null || toText is null)
        {
            // With a prefix, protocol and ports are mandatory; with a group, everything is open.
            return groupId is null ? null : Rule(parent, groupId, null, null, null, null);
        }

        if (!int.TryParse(fromText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(toText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to))
        {
            throw ComputeFaultException.BadRequest(upper == "ICMP"
                ? "Invalid input received: Type and Code must be integers for ICMP protocol type"
                : "Invalid input received: To and From ports must be integers");
        }

        if (upper is not ("TCP" or "UDP" or "ICMP"))
        {
            throw ComputeFaultException.BadRequest($"Invalid IP protocol {protocol}.");
        }

        if (upper != "ICMP" && from > to)
        {
            throw ComputeFaultException.BadRequest($"Invalid port range {from}:{to}. Former value cannot be greater than the later");
        }

        if (upper != "ICMP" && (from < 1 || to > 65535))
        {
            throw ComputeFaultException.BadRequest($"Invalid port range {from}:{to}. Valid {upper} ports should be between 1-65535");
        }

        if (upper == "ICMP" && (from is < -1 or > 255 || to is < -1 or > 255))
        {
            throw ComputeFaultException.BadRequest($"Invalid port range {from}:{to}. For ICMP, the type:code must be valid");
        }

        // Neutron has no port for "any ICMP type/code": -1 is sent as none.
        return Rule(parent, groupId, prefix, protocol.ToLowerInvariant(), from == -1 ? null : from, to == -1 ? null : to);
    }

    private static SecurityGroupRule Rule(SecurityGroup parent, string? groupId, string? prefix, string? protocol, int? from, int? to) => new()
    {
        Id = NeutronIds.NewId(),
        SecurityGroupId = parent.Id,
        ProjectId = parent.ProjectId,
        Direction = "ingress",
        Ethertype = prefix?.Contains(':', StringComparison.Ordinal) == true ? "IPv6" : "IPv4",
        Protocol = protocol,
        PortRangeMin = from,
        PortRangeMax = to,
        RemoteIpPrefix = prefix,
        RemoteGroupId = groupId,
    };

    /// <summary>Nova's <c>parse_cidr</c> and its check that only 0.0.0.0 or :: may have a zero prefix.</summary>
    private static string ValidCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? cidr : cidr[..slash];
        if (!IPAddress.TryParse(address, out var ip) || address.Count(c => c == '.') is not (0 or 3)
            || (slash >= 0 && !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw ComputeFaultException.BadRequest($"{cidr} is not a valid IP network.");
        }

        if (slash >= 0 && cidr[(slash + 1)..] == "0" && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
        {
            throw ComputeFaultException.BadRequest($"Bad prefix for network in cidr {cidr}");
        }

        return cidr;
    }
}
