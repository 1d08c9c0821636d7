using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansCompute.Api.Validation;

/// <summary>Nova's metadata schema: keys match <c>^[a-zA-Z0-9-_:. ]{1,255}$</c>, values are strings of at most 255 characters.</summary>
internal static partial class MetadataRules
{
    public static Dictionary<string, string> Parse(string field, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType(field, metadata, "object");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in metadata.EnumerateObject())
        {
            if (!KeyFormat().IsMatch(item.Name))
            {
                throw SchemaErrors.Invalid(field, metadata, $"Additional properties are not allowed ('{item.Name}' was unexpected)");
            }

            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw SchemaErrors.WrongType($"{field}/{item.Name}", item.Value, "string");
            }

            var value = item.Value.GetString()!;
            if (value.Length > 255)
            {
                throw SchemaErrors.Invalid($"{field}/{item.Name}", item.Value, $"'{value}' is too long");
            }

            result[item.Name] = value;
        }

        return result;
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. ]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();
}
