using System.Globalization;

namespace OrleansCompute.Api;

/// <summary>Nova's two timestamp formats on the wire.</summary>
internal static class NovaTime
{
    /// <summary><c>created</c>, <c>updated</c>: seconds and a Z.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>OS-SRV-USG:*</c>: microseconds and no zone.</summary>
    public static string Usage(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
