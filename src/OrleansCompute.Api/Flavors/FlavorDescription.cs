using System.Text.Json;
using OrleansCompute.Api.Validation;

namespace OrleansCompute.Api.Flavors;

/// <summary>A flavor's <c>description</c> (2.55): null or printable text of at most 65535 characters.</summary>
internal static class FlavorDescription
{
    public static string? Parse(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("description", value, "string, null");
        }

        var text = value.GetString()!;
        if (text.Length > 65535 || !NameRules.IsValidDescription(text))
        {
            throw SchemaErrors.Invalid("description", value, "An invalid 'description' value was provided.");
        }

        return text;
    }
}
