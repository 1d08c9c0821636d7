using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Usage;

/// <summary>
/// <c>os-simple-tenant-usage</c>'s query: the period (<c>start</c>, <c>end</c>: UTC in Nova's three formats, now
/// when missing, the end cut to now), <c>detailed</c> (index only), paging from 2.40 (<c>limit</c> defaulting to
/// <c>max_limit</c> at every version, <c>marker</c> an instance uuid); lenient before 2.75, strict from 2.75.
/// </summary>
internal sealed record UsageQuery(DateTimeOffset Start, DateTimeOffset End, bool Detailed, int Limit, Guid? Marker)
{
    public const int MaxLimit = 1000;

    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFF"];

    public static UsageQuery Parse(IQueryCollection query, ApiVersion version, DateTimeOffset now, bool index)
    {
        var allowed = new List<string> { "start", "end" };
        if (index)
        {
            allowed.Add("detailed");
        }

        if (version.AtLeast(2, 40))
        {
            allowed.AddRange(["limit", "marker"]);
        }

        foreach (var (name, _) in query)
        {
            if (!allowed.Contains(name) && version.AtLeast(2, 75))
            {
                throw ComputeFaultException.BadRequest($"Additional properties are not allowed ('{name}' was unexpected)");
            }
        }

        var start = Time(query, "start", now);
        var end = Time(query, "end", now);
        if (start > end)
        {
            throw ComputeFaultException.BadRequest("Invalid start time. The start time cannot occur after the end time.");
        }

        Guid? marker = null;
        if (allowed.Contains("marker") && query.TryGetValue("marker", out var markers))
        {
            var text = markers[^1] ?? "";
            marker = Guid.TryParse(text, out var id) ? id : throw ComputeFaultException.BadRequest($"Marker {text} could not be found.");
        }

        var limit = allowed.Contains("limit") ? QueryIntegers.NonNegative(query, "limit") ?? MaxLimit : MaxLimit;
        var detailed = index && query.TryGetValue("detailed", out var details) && (details[^1] ?? "").Trim() is "1" or "true" or "True";
        return new UsageQuery(start, end < now ? end : now, detailed, Math.Min(limit, MaxLimit), marker);
    }

    private static DateTimeOffset Time(IQueryCollection query, string name, DateTimeOffset now)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return now;
        }

        var text = values[^1] ?? "";
        return DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : throw ComputeFaultException.BadRequest($"Invalid datetime string: time data '{text}' does not match format '%Y-%m-%dT%H:%M:%S'");
    }
}
