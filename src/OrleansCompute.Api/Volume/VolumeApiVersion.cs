using System.Globalization;

namespace OrleansCompute.Api.Volume;

/// <summary>A block storage microversion (3.N): 3.0 without a header, at most <see cref="Maximum"/>.</summary>
internal readonly record struct VolumeApiVersion(int Minor)
{
    public const int MaximumMinor = 70;

    public static VolumeApiVersion Minimum => new(0);

    public static VolumeApiVersion Maximum => new(MaximumMinor);

    public bool AtLeast(int minor) => Minor >= minor;

    public override string ToString() => "3." + Minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The version the header asks for: null when it names none for volume (3.0); throws 400 for a malformed one.
    /// The header may list several services; the first element naming <c>volume</c> counts.
    /// </summary>
    public static (int Major, int Minor)? Requested(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var element = header.Split(',').Select(e => e.Trim()).FirstOrDefault(e => e.StartsWith("volume ", StringComparison.OrdinalIgnoreCase));
        if (element is null)
        {
            throw Faults.InvalidVersion(header);
        }

        var value = element["volume ".Length..].Trim();
        if (value.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return (3, MaximumMinor);
        }

        var parts = value.Split('.');
        if (parts.Length != 2 || !IsNumber(parts[0]) || !IsNumber(parts[1]))
        {
            throw Faults.InvalidVersion(value);
        }

        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Digits without a leading zero (Cinder refuses <c>3.05</c>), short enough to be an int.</summary>
    private static bool IsNumber(string text) =>
        text.Length is > 0 and < 6 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');

    private static class Faults
    {
        public static OrleansCompute.Faults.ComputeFaultException InvalidVersion(string value) =>
            OrleansCompute.Faults.ComputeFaultException.BadRequest($"API Version String {value} is of invalid format. Must be of format MajorNum.MinorNum.");
    }
}
