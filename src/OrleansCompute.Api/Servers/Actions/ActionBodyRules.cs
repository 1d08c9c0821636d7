using System.Globalization;
using System.Text.Json;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>The small JSON-schema rules action bodies share, with Nova's messages.</summary>
internal static class ActionBodyRules
{
    /// <summary>The action's value must be an object (or, when allowed, null); unknown keys are 400.</summary>
    public static JsonElement? Object(string action, JsonElement value, bool nullAllowed, params string[] allowedKeys)
    {
        if (value.ValueKind == JsonValueKind.Null && nullAllowed)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType(action, value, nullAllowed ? "object', 'null" : "object");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        return value;
    }

    public static JsonElement Required(JsonElement body, string key) =>
        body.TryGetProperty(key, out var value) ? value : throw SchemaErrors.Required(key);

    public static string String(string field, JsonElement value, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType(field, value, "string");
        }

        var text = value.GetString()!;
        if (text.Length < minLength)
        {
            throw SchemaErrors.Invalid(field, value, $"'{text}' is too short");
        }

        if (text.Length > maxLength)
        {
            throw SchemaErrors.Invalid(field, value, $"'{text}' is too long");
        }

        return text;
    }

    /// <summary>Nova's <c>name</c> parameter type: 1-255 printable characters, no leading or trailing whitespace.</summary>
    public static string Name(string field, JsonElement value)
    {
        var text = String(field, value, 1, 255);
        if (!NameRules.IsValidName(text))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for field/attribute {field}. Value: {text}. {NameRules.InvalidNameMessage}");
        }

        return text;
    }

    /// <summary>An image reference: a UUID or an href ending in one.</summary>
    public static string ImageRef(string field, JsonElement value)
    {
        var text = String(field, value);
        var id = text.TrimEnd('/').Split('/')[^1];
        return Guid.TryParse(id, out _) ? id : throw SchemaErrors.Invalid(field, value, $"'{text}' is not a 'uuid'");
    }

    public static bool BooleanIsh(string field, JsonElement value) =>
        BooleanText.Parse(value) ?? throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not of type 'boolean', 'string'");

    public static string? DiskConfig(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is "AUTO" or "MANUAL"
            ? value.GetString()
            : throw SchemaErrors.Invalid("OS-DCF:diskConfig", value, $"{SchemaErrors.Quoted(value)} is not one of ['AUTO', 'MANUAL']");

    /// <summary>An integer, or a string of digits (Nova's lenient integer types).</summary>
    public static int Integer(string field, JsonElement value, int minimum)
    {
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string'");
        }

        return number >= minimum ? number : throw SchemaErrors.Invalid(field, value, $"{number} is less than the minimum of {minimum}");
    }

    public static string? NullableString(string field, JsonElement value, int maxLength = int.MaxValue) =>
        value.ValueKind == JsonValueKind.Null ? null : String(field, value, 0, maxLength);
}
