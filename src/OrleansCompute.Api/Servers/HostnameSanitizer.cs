using System.Text;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's default hostname from a display name: Latin-1 only; spaces, '_' and '.' become '-'; other non-word
/// characters go; lower case; '.' and '-' trimmed from both ends; at most 63 characters; "Server-&lt;uuid&gt;"
/// if nothing is left.
/// </summary>
internal static class HostnameSanitizer
{
    public static string FromDisplayName(string name, Guid serverId)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c > '\u00ff')
            {
                continue;
            }

            if (c is ' ' or '_' or '.')
            {
                builder.Append('-');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var hostname = builder.ToString().Trim('.', '-');
        if (hostname.Length > 63)
        {
            hostname = hostname[..63].Trim('.', '-');
        }

        return hostname.Length == 0 ? "Server-" + serverId : hostname;
    }
}
