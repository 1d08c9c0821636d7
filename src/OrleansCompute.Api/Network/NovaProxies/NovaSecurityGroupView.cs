using System.Text.Json;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network.NovaProxies;

/// <summary>
/// Nova's shape of a Neutron security group (<c>nova/network/security_group_api.py</c> and the proxy's formatter):
/// id, name, description, tenant_id and the ingress rules only, each with Nova's <c>ip_protocol</c>, ports (a whole
/// TCP/UDP range or -1 when Neutron has none), and either <c>group</c> (the remote group's name and tenant) or
/// <c>ip_range</c> (the prefix, 0.0.0.0/0 when Neutron has none).
/// </summary>
internal static class NovaSecurityGroupView
{
    public static void WriteGroup(Utf8JsonWriter w, SecurityGroup group, IReadOnlyDictionary<string, SecurityGroup> remotes)
    {
        w.WriteStartObject();
        w.WriteString("description", group.Description);
        w.WriteString("id", group.Id);
        w.WriteString("name", group.Name);
        w.WriteStartArray("rules");
        foreach (var rule in group.Rules.Where(r => r.Direction == "ingress"))
        {
            // A rule whose remote group is gone is left out, as Nova does.
            if (rule.RemoteGroupId is null || remotes.ContainsKey(rule.RemoteGroupId))
            {
                WriteRule(w, rule, remotes);
            }
        }

        w.WriteEndArray();
        w.WriteString("tenant_id", group.ProjectId);
        w.WriteEndObject();
    }

    public static void WriteRule(Utf8JsonWriter w, SecurityGroupRule rule, IReadOnlyDictionary<string, SecurityGroup> remotes)
    {
        var wholeRange = rule.Protocol is not null && rule.PortRangeMin is null && rule.PortRangeMax is null;
        var tcpOrUdp = rule.Protocol?.ToUpperInvariant() is "TCP" or "UDP";
        w.WriteStartObject();
        WritePort(w, "from_port", wholeRange ? (tcpOrUdp ? 1 : -1) : rule.PortRangeMin);
        w.WriteStartObject("group");
        if (rule.RemoteGroupId is { } remote && remotes.TryGetValue(remote, out var source))
        {
            w.WriteString("name", source.Name);
            w.WriteString("tenant_id", source.ProjectId);
        }

        w.WriteEndObject();
        w.WriteString("id", rule.Id);
        w.WriteString("ip_protocol", rule.Protocol);
        w.WriteStartObject("ip_range");
        if (rule.RemoteGroupId is null)
        {
            w.WriteString("cidr", rule.RemoteIpPrefix ?? "0.0.0.0/0");
        }

        w.WriteEndObject();
        w.WriteString("parent_group_id", rule.SecurityGroupId);
        WritePort(w, "to_port", wholeRange ? (tcpOrUdp ? 65535 : -1) : rule.PortRangeMax);
        w.WriteEndObject();
    }

    /// <summary>The groups the rules of <paramref name="groups"/> name as their remote, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, SecurityGroup>> RemotesAsync(NetworkService network, IEnumerable<SecurityGroup> groups)
    {
        var known = groups.ToDictionary(g => g.Id);
        foreach (var id in known.Values.SelectMany(g => g.Rules).Select(r => r.RemoteGroupId).OfType<string>().Distinct().ToList())
        {
            if (!known.ContainsKey(id) && await network.Grains.GetGrain<ISecurityGroupGrain>(id).GetAsync() is { } remote)
            {
                known[id] = remote;
            }
        }

        return known;
    }

    private static void WritePort(Utf8JsonWriter w, string name, int? port)
    {
        if (port is { } value)
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
