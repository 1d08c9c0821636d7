using System.Text.Json;
using OrleansCompute.Faults;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Checks one property of a create body or a patch against Glance's image schema: 403 for read-only and reserved
/// names, 400 for a value of the wrong type, enum or length. What depends on the image or the caller (public
/// visibility, owner, formats after upload) is the grain's to check.
/// </summary>
internal static class ImagePropertyParser
{
    private const int MaxLength = 255;

    public static ImagePatchOperation Parse(string op, string name, JsonElement? value)
    {
        if (ImageProperties.ReadOnly.Contains(name) || name == ImageProperties.Id)
        {
            throw ComputeFaultException.Forbidden($"Attribute '{name}' is read-only.");
        }

        if (ImageProperties.IsReserved(name))
        {
            throw ComputeFaultException.Forbidden($"Attribute '{name}' is reserved.");
        }

        if (name.Length is 0 or > MaxLength)
        {
            throw ComputeFaultException.BadRequest($"Provided object does not match schema 'image': property name is empty or longer than {MaxLength}.");
        }

        return new ImagePatchOperation
        {
            Op = op,
            Property = name,
            Value = value is { } v ? Value(name, v) : null,
        };
    }

    private static ImagePropertyValue Value(string name, JsonElement value) => name switch
    {
        ImageProperties.Name or ImageProperties.Owner => NullableText(name, value),
        ImageProperties.Visibility => new() { Text = Enum(name, value, ImageVisibility.All, nullable: false) },
        ImageProperties.Protected or ImageProperties.Hidden => new() { Flag = Flag(name, value) },
        ImageProperties.MinDisk or ImageProperties.MinRam => new() { Number = NonNegative(name, value) },
        ImageProperties.DiskFormat => new() { Text = Enum(name, value, ImageProperties.DiskFormats, nullable: true) },
        ImageProperties.ContainerFormat => new() { Text = Enum(name, value, ImageProperties.ContainerFormats, nullable: true) },
        ImageProperties.Tags => new() { Items = Tags(value) },
        _ when value.ValueKind == JsonValueKind.Null && ImageProperties.NullableExtras.Contains(name) => ImagePropertyValue.Null,
        _ when value.ValueKind == JsonValueKind.String => new() { Text = value.GetString() },
        _ => throw Schema($"{Show(value)} is not of type 'string'", name),
    };

    public static string TagValue(string tag) =>
        tag.Length <= MaxLength ? tag : throw ComputeFaultException.BadRequest($"Tag '{tag[..20]}...' is longer than {MaxLength} characters.");

    private static ImagePropertyValue NullableText(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => ImagePropertyValue.Null,
        JsonValueKind.String when value.GetString()!.Length <= MaxLength => new() { Text = value.GetString() },
        JsonValueKind.String => throw Schema($"'{value.GetString()![..20]}...' is too long", name),
        _ => throw Schema($"{Show(value)} is not of type 'null', 'string'", name),
    };

    private static string? Enum(string name, JsonElement value, IReadOnlyList<string> allowed, bool nullable)
    {
        if (nullable && value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!, StringComparer.Ordinal)
            ? value.GetString()
            : throw Schema($"{Show(value)} is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]", name);
    }

    private static bool Flag(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Schema($"{Show(value)} is not of type 'boolean'", name),
    };

    private static long NonNegative(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Schema($"{Show(value)} is not of type 'integer'", name);
        }

        return number >= 0 ? number : throw Schema($"{number} is less than the minimum of 0", name);
    }

    private static List<string> Tags(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Schema($"{Show(value)} is not of type 'array'", ImageProperties.Tags);
        }

        var tags = new List<string>();
        foreach (var tag in value.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String || tag.GetString()!.Length > MaxLength)
            {
                throw Schema($"{Show(tag)} is not a string of at most {MaxLength} characters", ImageProperties.Tags);
            }

            tags.Add(tag.GetString()!);
        }

        return tags;
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static ComputeFaultException Schema(string problem, string name) =>
        ComputeFaultException.BadRequest($"Provided object does not match schema 'image': {problem}. Failed validating '{name}'.");
}
