using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// One resource's body of a create or update, read as Neutron does: the wrapper key required, unknown attributes
/// refused ("Unrecognized attribute(s)"), each value checked for its type with Neutron's InvalidInput message.
/// </summary>
internal sealed class NeutronBody
{
    private readonly JsonObject _fields;

    private NeutronBody(JsonObject fields) => _fields = fields;

    public static async Task<NeutronBody> ReadAsync(HttpContext context, string wrapper, IReadOnlySet<string> allowed)
    {
        using var document = await JsonBody.ReadAsync(context);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(wrapper, out var inner))
        {
            throw NeutronFaultException.BadRequest($"Resource body required: '{wrapper}' is missing.");
        }

        if (inner.ValueKind != JsonValueKind.Object)
        {
            throw NeutronFaultException.BadRequest($"Invalid format: '{wrapper}' must be an object.");
        }

        var fields = JsonNode.Parse(inner.GetRawText())!.AsObject();
        var unknown = fields.Select(f => f.Key).Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw NeutronFaultException.BadRequest($"Unrecognized attribute(s) '{string.Join(", ", unknown)}'");
        }

        if (fields.ContainsKey("tenant_id") && fields.ContainsKey("project_id")
            && fields["tenant_id"]?.ToJsonString() != fields["project_id"]?.ToJsonString())
        {
            throw NeutronFaultException.BadRequest("'project_id' and 'tenant_id' do not match");
        }

        return new NeutronBody(fields);
    }

    public bool Has(string key) => _fields.ContainsKey(key);

    public bool IsNull(string key) => _fields.TryGetPropertyValue(key, out var value) && value is null;

    public string? String(string key, int maxLength = 255)
    {
        if (!_fields.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            throw NeutronFaultException.InvalidInput($"'{value.ToJsonString()}' is not a valid string");
        }

        var text = value.GetValue<string>();
        return text.Length > maxLength
            ? throw NeutronFaultException.InvalidInput($"'{text[..Math.Min(text.Length, 40)]}...' exceeds maximum length of {maxLength}")
            : text;
    }

    public bool? Bool(string key)
    {
        if (!_fields.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when ParseBool(value.GetValue<string>()) is { } parsed => parsed,
            _ => throw NeutronFaultException.InvalidInput($"'{value.ToJsonString()}' cannot be converted to boolean"),
        };
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_fields.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        var ok = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.AsValue().TryGetValue<int>(out var n) ? n : (int?)null,
            JsonValueKind.String => int.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null,
            _ => null,
        };
        return ok is { } number && number >= min && number <= max
            ? number
            : throw NeutronFaultException.InvalidInput($"'{value.ToJsonString()}' is not a valid integer for {key}");
    }

    /// <summary>A list of JSON objects (fixed_ips, allocation_pools, host_routes, allowed_address_pairs).</summary>
    public IReadOnlyList<JsonObject>? Objects(string key)
    {
        if (!_fields.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is not JsonArray array || array.Any(item => item is not JsonObject))
        {
            throw NeutronFaultException.InvalidInput($"Invalid data format for {key}: '{value.ToJsonString()}' is not a list of objects");
        }

        return array.Select(item => item!.AsObject()).ToList();
    }

    public IReadOnlyList<string>? Strings(string key)
    {
        if (!_fields.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
        {
            throw NeutronFaultException.InvalidInput($"'{value.ToJsonString()}' is not a list of strings for {key}");
        }

        return array.Select(item => item!.GetValue<string>()).ToList();
    }

    /// <summary>A string member of one object of a list (<c>fixed_ips[].subnet_id</c>...).</summary>
    public static string? Member(JsonObject item, string key)
    {
        if (!item.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        return value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw NeutronFaultException.InvalidInput($"'{value.ToJsonString()}' is not a valid string for {key}");
    }

    public static string Address(string? text, string what)
    {
        if (text is null || !IPAddress.TryParse(text, out var address) || text.Contains('%', StringComparison.Ordinal))
        {
            throw NeutronFaultException.InvalidInput($"'{text}' is not a valid IP address for {what}");
        }

        return address.ToString();
    }

    public static bool? ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" or "1" => true,
        "false" or "False" or "FALSE" or "0" => false,
        _ => null,
    };
}
