using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansCompute.Api.Microversions;

/// <summary>A compute API microversion such as 2.47. Ordered by major, then minor.</summary>
public readonly partial record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Minimum = new(2, 1);

    /// <summary>
    /// The highest microversion this service implements. It grows only with what is really implemented: every
    /// view field, filter and request rule up to it behaves as Nova's does.
    /// </summary>
    public static readonly ApiVersion Maximum = new(2, 104);

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    /// <summary>True when this version is at least <c>major.minor</c>.</summary>
    public bool AtLeast(int major, int minor) => this >= new ApiVersion(major, minor);

    /// <summary>Parses Nova's strict format <c>^[1-9]\d*\.(0|[1-9]\d*)$</c>; <c>2.01</c>, <c>2</c> and <c>v2.1</c> fail.</summary>
    public static bool TryParse(string text, out ApiVersion version)
    {
        version = default;
        if (!VersionFormat().IsMatch(text))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (!int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ApiVersion(major, minor);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    [GeneratedRegex(@"^[1-9]\d*\.(0|[1-9]\d*)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionFormat();
}
