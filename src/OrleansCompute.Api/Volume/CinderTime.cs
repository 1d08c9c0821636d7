using System.Globalization;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's timestamps: ISO 8601 with microseconds and no zone suffix (UTC).</summary>
internal static class CinderTime
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
