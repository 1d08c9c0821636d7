using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>oslo's <c>bool_from_string</c> as Nova's list filters use it, case-insensitive.</summary>
internal static class NovaBoolean
{
    private static readonly string[] TrueValues = ["1", "t", "true", "on", "y", "yes"];
    private static readonly string[] FalseValues = ["0", "f", "false", "off", "n", "no"];

    /// <summary>Strict: anything else is a 400 naming the acceptable values (all_tenants, locked).</summary>
    public static bool Strict(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (TrueValues.Contains(value))
        {
            return true;
        }

        if (FalseValues.Contains(value))
        {
            return false;
        }

        var acceptable = string.Join(", ", TrueValues.Concat(FalseValues).Order(StringComparer.Ordinal).Select(v => $"'{v}'"));
        throw ComputeFaultException.BadRequest($"Invalid input received: Unrecognized value '{text}', acceptable values are: {acceptable}");
    }

    /// <summary>Lenient: anything not true is false (deleted).</summary>
    public static bool Lenient(string? text) => text is not null && TrueValues.Contains(text.Trim().ToLowerInvariant());
}
