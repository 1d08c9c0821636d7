using System.Globalization;
using System.Text.Json;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's JSON-schema checks for the fields its bodies share, each a 400 naming the field.</summary>
internal static class CinderBody
{
    private const int MaxText = 255;

    public static ComputeFaultException Invalid(string field, string reason) =>
        ComputeFaultException.BadRequest($"Invalid input for field/attribute {field}. {reason}");

    /// <summary>The object under the body's one root key (<c>{"volume": {...}}</c>).</summary>
    public static JsonElement Root(JsonElement body, string key)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(key, out var inner))
        {
            throw ComputeFaultException.BadRequest($"Missing required element '{key}' in request body.");
        }

        return inner.ValueKind == JsonValueKind.Object ? inner : throw Invalid(key, $"{inner.GetRawText()} is not of type 'object'");
    }

    /// <summary>400 for a key outside <paramref name="allowed"/> (strict schemas).</summary>
    public static void OnlyKnown(JsonElement obj, IReadOnlySet<string> allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw ComputeFaultException.BadRequest($"Invalid input for field/attribute {property.Name}. Additional properties are not allowed ('{property.Name}' was unexpected)");
            }
        }
    }

    /// <summary>A string of at most 255 characters, null, or absent; leading and trailing spaces removed.</summary>
    public static (bool Present, string? Value) Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => (true, null),
            JsonValueKind.String when value.GetString()!.Length <= MaxText => (true, value.GetString()!.Trim()),
            JsonValueKind.String => throw Invalid(name, $"'{Shorten(value.GetString()!)}' is too long"),
            _ => throw Invalid(name, $"{Shorten(value.GetRawText())} is not of type 'string', 'null'"),
        };
    }

    /// <summary>A uuid, null, or absent.</summary>
    public static Guid? Uuid(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw Invalid(name, $"{Shorten(value.GetRawText())} is not a 'uuid'");
    }

    /// <summary>A positive integer (or a string of digits), null, or absent.</summary>
    public static int? Size(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1)
        {
            return size;
        }

        throw Invalid(name, $"{Shorten(value.GetRawText())} is not valid under any of the given schemas");
    }

    /// <summary>
    /// A boolean as Cinder's bool-like values (true/false, "true"/"false", "yes"/"no", "1"/"0", "on"/"off"...);
    /// <paramref name="fallback"/> when absent.
    /// </summary>
    public static bool BoolLike(JsonElement obj, string name, bool fallback)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when value.GetString()!.ToLowerInvariant() is "true" or "t" or "yes" or "y" or "1" or "on" => true,
            JsonValueKind.String when value.GetString()!.ToLowerInvariant() is "false" or "f" or "no" or "n" or "0" or "off" => false,
            _ => throw Invalid(name, $"{Shorten(value.GetRawText())} is not a valid boolean value"),
        };
    }

    /// <summary>Metadata: an object of strings, keys of 1 to 255 characters, values of at most 255.</summary>
    public static IReadOnlyDictionary<string, string>? Metadata(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, $"{Shorten(value.GetRawText())} is not of type 'object'");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateObject())
        {
            if (item.Name.Length is 0 or > MaxText)
            {
                throw Invalid(name, "Metadata keys must be 1 to 255 characters long");
            }

            if (item.Value.ValueKind != JsonValueKind.String || item.Value.GetString()!.Length > MaxText)
            {
                throw Invalid(name, $"Metadata value of key '{Shorten(item.Name)}' must be a string of at most 255 characters");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }

        return metadata;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
