using System.Globalization;
using System.Text.Json;
using OrleansCompute.Api.Validation;

namespace OrleansCompute.Api.Quotas;

/// <summary>Nova's <c>common_quota</c> schema: an integer (or a string of one) from -1 up, for quota sets and quota classes.</summary>
internal static class QuotaValue
{
    public static int Parse(string container, string name, JsonElement value)
    {
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number))
        {
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
        }
        else
        {
            throw SchemaErrors.Invalid($"{container}/{name}", value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string'");
        }

        return number < -1
            ? throw SchemaErrors.Invalid($"{container}/{name}", value, $"{number} is less than the minimum of -1")
            : number;
    }
}
