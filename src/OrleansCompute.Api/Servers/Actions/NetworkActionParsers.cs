using System.Text.Json;
using OrleansCompute.Api.Validation;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Api.Servers.Actions.ActionBodyRules;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The schemas of the network actions Nova kept below 2.44 (<c>nova/api/openstack/compute/schemas/{multinic,floating_ips}.py</c>):
/// addFixedIp's <c>networkId</c> (a string of 1 to 36 characters, or a number), the others' <c>address</c>
/// (Nova's <c>ip_address</c>: IPv4 or IPv6).
/// </summary>
internal static class NetworkActionParsers
{
    public static ParsedServerAction AddFixedIp(ActionBody b)
    {
        var body = Object(b.Name, b.Value, nullAllowed: false, "networkId")!.Value;
        var network = Required(body, "networkId");
        if (network.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            throw SchemaErrors.WrongType("networkId", network, "string', 'number");
        }

        var networkId = network.ValueKind == JsonValueKind.Number ? network.GetRawText() : String("networkId", network, 1, 36);

        return new(b.Name, new ServerActionCommand { Caller = b.Caller, Action = ServerActionKind.AddFixedIp, NetworkId = networkId });
    }

    public static ParsedServerAction RemoveFixedIp(ActionBody b)
    {
        var body = Object(b.Name, b.Value, nullAllowed: false, "address")!.Value;
        return new(b.Name, new ServerActionCommand { Caller = b.Caller, Action = ServerActionKind.RemoveFixedIp, Address = Address("address", Required(body, "address")) });
    }

    public static ParsedServerAction AddFloatingIp(ActionBody b)
    {
        var body = Object(b.Name, b.Value, nullAllowed: false, "address", "fixed_address")!.Value;
        var address = Address("address", Required(body, "address"));
        var fixedAddress = body.TryGetProperty("fixed_address", out var given) ? Address("fixed_address", given) : null;
        return new(b.Name, new ServerActionCommand { Caller = b.Caller, Action = ServerActionKind.AddFloatingIp, Address = address, FixedAddress = fixedAddress });
    }

    public static ParsedServerAction RemoveFloatingIp(ActionBody b)
    {
        var body = Object(b.Name, b.Value, nullAllowed: false, "address")!.Value;
        return new(b.Name, new ServerActionCommand { Caller = b.Caller, Action = ServerActionKind.RemoveFloatingIp, Address = Address("address", Required(body, "address")) });
    }

    /// <summary>Nova's <c>ip_address</c>: a string in IPv4 or IPv6 format (jsonschema's oneOf message otherwise).</summary>
    private static string Address(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && CreateServerRequestParser.IsIpAddress(value.GetString()!)
            ? value.GetString()!
            : throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not valid under any of the given schemas");
}
