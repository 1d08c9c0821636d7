using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Flavors;

/// <summary>
/// Nova's extra spec schema: keys of <c>[a-zA-Z0-9-_:. ]</c> (1–255), string or number values of at most 255
/// characters; from 2.86 the values of the well-known keys are checked (see <see cref="ExtraSpecValues"/>).
/// </summary>
internal static partial class ExtraSpecRules
{
    public static Dictionary<string, string> Parse(JsonElement specs, ApiVersion version)
    {
        if (specs.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("extra_specs", specs, "object");
        }

        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in specs.EnumerateObject())
        {
            if (property.Name.Length is 0 or > 255 || !KeyPattern().IsMatch(property.Name))
            {
                throw ComputeFaultException.BadRequest($"Invalid input for field/attribute extra_specs. Value: {property.Name}. '{property.Name}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{{1,255}}$'");
            }

            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => throw SchemaErrors.WrongType(property.Name, property.Value, "string, number"),
            };
            if (value.Length > 255)
            {
                throw SchemaErrors.Invalid(property.Name, property.Value, $"'{value}' is too long");
            }

            if (version.AtLeast(2, 86) && ExtraSpecValues.Problem(property.Name, value) is { } problem)
            {
                throw ComputeFaultException.BadRequest($"Validation failed; {problem}");
            }

            parsed[property.Name] = value.ToString(CultureInfo.InvariantCulture);
        }

        return parsed;
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. ]{1,255}$")]
    private static partial Regex KeyPattern();
}
