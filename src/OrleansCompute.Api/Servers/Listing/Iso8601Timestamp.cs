using System.Globalization;
using System.Text.RegularExpressions;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// Nova's <c>date-time</c> query format (changes-since, changes-before): an ISO 8601 date or date-time as the
/// iso8601 library reads it, a missing zone meaning UTC. Anything else (locale dates, words) is a 400.
/// </summary>
internal static partial class Iso8601Timestamp
{
    public static DateTimeOffset Parse(string name, string text) =>
        TryParse(text, out var value)
            ? value
            : throw ComputeFaultException.BadRequest($"Invalid input for query parameters {name}. Value: {text}. '{text}' is not a 'date-time'");

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Group(string group, int fallback) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
        var (year, month, day) = (Group("year", 1), Group("month", 1), Group("day", 1));
        var (hour, minute, second) = (Group("hour", 0), Group("minute", 0), Group("second", 0));
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (match.Groups["sign"].Success)
        {
            var tzHour = Group("tzhour", 0);
            var tzMinute = Group("tzminute", 0);
            if (tzHour > 23 || tzMinute > 59)
            {
                return false;
            }

            offset = new TimeSpan(tzHour, tzMinute, 0) * (match.Groups["sign"].Value == "-" ? -1 : 1);
        }

        var fraction = match.Groups["fraction"].Success ? double.Parse("0." + match.Groups["fraction"].Value, CultureInfo.InvariantCulture) : 0;
        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks((long)(fraction * TimeSpan.TicksPerSecond)).ToUniversalTime();
        return true;
    }

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})(?:(?:-(?<month>[0-9]{1,2})|(?<month>[0-9]{2})(?!$))(?:(?:-(?<day>[0-9]{1,2})|(?<day>[0-9]{2}))"
        + @"(?:[ T](?<hour>[0-9]{2})(?::?(?<minute>[0-9]{2}))?(?::?(?<second>[0-9]{1,2})(?:[.,](?<fraction>[0-9]+))?)?"
        + @"(?:Z|(?<sign>[-+])(?<tzhour>[0-9]{2}):?(?<tzminute>[0-9]{2})?)?)?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
