using System.Text.Json;

namespace OrleansCompute.Api.Validation;

/// <summary>A JSON schema <c>enum</c> of strings, with jsonschema's message.</summary>
internal static class EnumRule
{
    public static string Check(string field, JsonElement value, IReadOnlyCollection<string> allowed) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!)
            ? value.GetString()!
            : throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]");
}
