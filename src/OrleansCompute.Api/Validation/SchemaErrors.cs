using System.Text.Json;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// Nova's JSON-schema failure messages: "Invalid input for field/attribute &lt;field&gt;. Value: &lt;value&gt;.
/// &lt;reason&gt;". Values are rendered roughly as Python shows them, since clients match on the field name.
/// </summary>
internal static class SchemaErrors
{
    public static ComputeFaultException Invalid(string field, JsonElement value, string reason) =>
        ComputeFaultException.BadRequest($"Invalid input for field/attribute {field}. Value: {Render(value)}. {reason}");

    public static ComputeFaultException Required(string property) =>
        ComputeFaultException.BadRequest($"'{property}' is a required property");

    public static ComputeFaultException Additional(string property) =>
        ComputeFaultException.BadRequest($"Additional properties are not allowed ('{property}' was unexpected)");

    public static ComputeFaultException WrongType(string field, JsonElement value, string type) =>
        Invalid(field, value, $"{Quoted(value)} is not of type '{type}'");

    public static string Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "None",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => value.GetRawText(),
    };

    public static string Quoted(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Render(value);
}
