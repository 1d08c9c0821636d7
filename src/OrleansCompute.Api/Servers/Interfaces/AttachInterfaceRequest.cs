using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Interfaces;

/// <summary>
/// The body of an os-interface attach after Nova's schema: <c>interfaceAttachment</c> (optional, as in Nova) with
/// <c>net_id</c>, <c>port_id</c>, <c>fixed_ips</c> (one <c>ip_address</c>) and <c>tag</c> (2.49+); then Nova's own
/// checks: not both a network and a port, and a fixed IP only with a network.
/// </summary>
internal sealed record AttachInterfaceRequest(string? NetworkId, string? PortId, string? FixedIp, string? Tag)
{
    public static AttachInterfaceRequest Parse(JsonElement body, ApiVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "interfaceAttachment")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!body.TryGetProperty("interfaceAttachment", out var attachment))
        {
            return new AttachInterfaceRequest(null, null, null, null);
        }

        if (attachment.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("interfaceAttachment", attachment, "object");
        }

        foreach (var property in attachment.EnumerateObject())
        {
            if (!(property.Name is "net_id" or "port_id" or "fixed_ips" || (property.Name == "tag" && version.AtLeast(2, 49))))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var networkId = Id(attachment, "net_id");
        var portId = Id(attachment, "port_id");
        var fixedIp = attachment.TryGetProperty("fixed_ips", out var fixedIps) ? ParseFixedIp(fixedIps) : null;
        var tag = attachment.TryGetProperty("tag", out var tagValue) ? ParseTag(tagValue) : null;
        if (networkId is not null && portId is not null)
        {
            throw ComputeFaultException.BadRequest("Must not input both network_id and port_id");
        }

        if (fixedIp is not null && networkId is null)
        {
            throw ComputeFaultException.BadRequest("Must input network_id when request IP address");
        }

        return new AttachInterfaceRequest(networkId, portId, fixedIp, tag);
    }

    private static string? Id(JsonElement attachment, string name)
    {
        if (!attachment.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 255 } id
            ? id
            : throw SchemaErrors.Invalid(name, value, $"{SchemaErrors.Quoted(value)} is not a 'uuid'");
    }

    private static string ParseFixedIp(JsonElement fixedIps)
    {
        if (fixedIps.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("fixed_ips", fixedIps, "array");
        }

        if (fixedIps.GetArrayLength() != 1)
        {
            throw SchemaErrors.Invalid("fixed_ips", fixedIps, $"{fixedIps.GetRawText()} is {(fixedIps.GetArrayLength() == 0 ? "too short" : "too long")}");
        }

        var item = fixedIps[0];
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("fixed_ips/0", item, "object");
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name != "ip_address")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        if (!item.TryGetProperty("ip_address", out var address))
        {
            throw SchemaErrors.Required("ip_address");
        }

        return address.ValueKind == JsonValueKind.String && CreateServerRequestParser.IsIpAddress(address.GetString()!)
            ? address.GetString()!
            : throw SchemaErrors.Invalid("fixed_ips/0/ip_address", address, $"{SchemaErrors.Quoted(address)} is not a 'ip-address'");
    }

    private static string ParseTag(JsonElement value)
    {
        var tag = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType("tag", value, "string");
        return TagRules.Problem(tag) is { } problem ? throw SchemaErrors.Invalid("tag", value, problem) : tag;
    }
}
