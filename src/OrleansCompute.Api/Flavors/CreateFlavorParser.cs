using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Flavors;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's schema of <c>POST /flavors</c>: <c>name</c>, <c>ram</c>, <c>vcpus</c> and <c>disk</c> required; an
/// absent or null <c>id</c> becomes a uuid, a number becomes its text; <c>description</c> from 2.55; unknown
/// keys are a 400.
/// </summary>
internal static partial class CreateFlavorParser
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "name", "id", "ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor", "os-flavor-access:is_public",
    };

    public static FlavorRecord Parse(JsonElement root, ApiVersion version)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("flavor", out var body))
        {
            throw SchemaErrors.Required("flavor");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("flavor", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            // rxtx_factor can no longer be sent from 2.102.
            var known = Known.Contains(property.Name) && !(property.Name == "rxtx_factor" && version.AtLeast(2, 102));
            if (!known && !(property.Name == "description" && version.AtLeast(2, 55)))
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        return new FlavorRecord
        {
            Id = ParseId(body),
            Name = ParseName(body),
            RamMb = Integer(body, "ram", minimum: 1, required: true),
            Vcpus = Integer(body, "vcpus", minimum: 1, required: true),
            DiskGb = Integer(body, "disk", minimum: 0, required: true),
            EphemeralGb = Integer(body, "OS-FLV-EXT-DATA:ephemeral", minimum: 0, required: false),
            SwapMb = Integer(body, "swap", minimum: 0, required: false),
            RxtxFactor = ParseRxtx(body),
            IsPublic = ParsePublic(body),
            Description = ParseDescription(body),
        };
    }

    private static string ParseName(JsonElement body)
    {
        if (!body.TryGetProperty("name", out var name))
        {
            throw SchemaErrors.Required("name");
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("name", name, "string");
        }

        var text = name.GetString()!;
        if (text.Length is 0 or > 255 || !NameRules.IsValidName(text))
        {
            throw SchemaErrors.Invalid("name", name, NameRules.InvalidNameMessage);
        }

        return text;
    }

    private static string ParseId(JsonElement body)
    {
        if (!body.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return Guid.NewGuid().ToString();
        }

        var text = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()!,
            JsonValueKind.Number => id.GetRawText(),
            _ => throw SchemaErrors.WrongType("id", id, "string, integer, null"),
        };
        if (text.Length is 0 or > 255 || !IdPattern().IsMatch(text))
        {
            throw SchemaErrors.Invalid("id", id, $"{SchemaErrors.Quoted(id)} does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }

        return text;
    }

    private static int Integer(JsonElement body, string field, int minimum, bool required)
    {
        if (!body.TryGetProperty(field, out var value))
        {
            return required ? throw SchemaErrors.Required(field) : 0;
        }

        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
        {
            number = s;
        }
        else
        {
            throw SchemaErrors.WrongType(field, value, "integer, string");
        }

        if (number < minimum)
        {
            throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Render(value)} is less than the minimum of {minimum}");
        }

        return number;
    }

    private static float ParseRxtx(JsonElement body)
    {
        if (!body.TryGetProperty("rxtx_factor", out var value))
        {
            return 1.0f;
        }

        if (value.ValueKind != JsonValueKind.Number && !(value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _)))
        {
            throw SchemaErrors.WrongType("rxtx_factor", value, "number, string");
        }

        var number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
        if (number <= 0 || number > 3.40282e38)
        {
            throw SchemaErrors.Invalid("rxtx_factor", value, $"{SchemaErrors.Render(value)} is less than or equal to the minimum of 0");
        }

        return (float)number;
    }

    private static bool ParsePublic(JsonElement body)
    {
        if (!body.TryGetProperty("os-flavor-access:is_public", out var value))
        {
            return true;
        }

        return BooleanText.Parse(value)
            ?? throw SchemaErrors.Invalid("os-flavor-access:is_public", value, $"{SchemaErrors.Quoted(value)} is not one of the boolean values");
    }

    private static string? ParseDescription(JsonElement body)
    {
        if (!body.TryGetProperty("description", out var value))
        {
            return null;
        }

        return FlavorDescription.Parse(value);
    }

    [GeneratedRegex("^(?! )[a-zA-Z0-9. _-]+(?<! )$")]
    private static partial Regex IdPattern();
}
