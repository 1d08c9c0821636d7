using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Microversions;

/// <summary>
/// Reads the requested microversion the way the microversion-parse library does: a <c>compute</c> entry of
/// <c>OpenStack-API-Version</c> (last one wins) beats the legacy <c>X-OpenStack-Nova-API-Version</c> (last
/// value wins); neither means the minimum.
/// </summary>
internal static class MicroversionHeaders
{
    public const string Standard = "OpenStack-API-Version";
    public const string Legacy = "X-OpenStack-Nova-API-Version";

    /// <summary>The raw requested version text, or null when none was requested.</summary>
    public static string? RequestedVersion(IHeaderDictionary headers)
    {
        string? compute = null;
        foreach (var value in headers[Standard])
        {
            foreach (var entry in (value ?? "").Split(','))
            {
                var parts = entry.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && string.Equals(parts[0], "compute", StringComparison.OrdinalIgnoreCase))
                {
                    compute = parts[1];
                }
            }
        }

        if (compute is not null)
        {
            return compute;
        }

        var legacy = headers[Legacy];
        if (legacy.Count == 0)
        {
            return null;
        }

        var last = legacy[^1] ?? "";
        var comma = last.LastIndexOf(',');
        return (comma >= 0 ? last[(comma + 1)..] : last).Trim();
    }
}
