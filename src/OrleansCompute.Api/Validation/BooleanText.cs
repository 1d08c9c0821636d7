using System.Text.Json;

namespace OrleansCompute.Api.Validation;

/// <summary>Nova's "boolean-ish" values: JSON true/false or the strings oslo's strutils accepts.</summary>
internal static class BooleanText
{
    private static readonly HashSet<string> True = new(StringComparer.Ordinal) { "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes" };
    private static readonly HashSet<string> False = new(StringComparer.Ordinal) { "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no" };

    public static bool? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when True.Contains(value.GetString()!) => true,
        JsonValueKind.String when False.Contains(value.GetString()!) => false,
        _ => null,
    };
}
