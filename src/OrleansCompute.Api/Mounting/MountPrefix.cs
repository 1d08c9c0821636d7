using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Mounting;

/// <summary>A mount prefix as routing wants it: empty, or <c>/segment[/segment]</c> without a trailing slash.</summary>
internal static class MountPrefix
{
    public static PathString Normalize(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return PathString.Empty;
        }

        return new PathString(trimmed.StartsWith('/') ? trimmed : "/" + trimmed);
    }
}
