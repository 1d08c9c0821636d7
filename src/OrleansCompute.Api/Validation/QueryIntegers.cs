using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// Integer query parameters as Nova's query schemas and handlers read them: the last value counts; <c>limit</c>
/// and <c>offset</c> must be digits only (parameter_types.non_negative_integer, so <c>-1</c> is a 400), and
/// the flavor filters go through Python's <c>int()</c> with their own message.
/// </summary>
internal static class QueryIntegers
{
    /// <summary>A digits-only value (capped at int.MaxValue), null when absent; anything else a schema 400.</summary>
    public static int? NonNegative(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values[^1] ?? "";
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for query parameters {name}. Value: {text}. '{text}' does not match '^[0-9]*$'");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
    }

    /// <summary>A signed integer as Python's <c>int()</c> reads it (surrounding spaces allowed), null when absent; else "Invalid {name} filter [value]".</summary>
    public static int? PythonInt(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values[^1] ?? "";
        var trimmed = text.Trim();
        var digits = trimmed.StartsWith('-') || trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw ComputeFaultException.BadRequest($"Invalid {name} filter [{text}]");
        }

        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, int.MinValue, int.MaxValue)
            : trimmed.StartsWith('-') ? int.MinValue : int.MaxValue;
    }
}
