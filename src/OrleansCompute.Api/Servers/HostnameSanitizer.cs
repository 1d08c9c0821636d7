using System.Text;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's default hostname from a display name (<c>nova.utils.sanitize_hostname</c>): characters outside
/// Latin-1 dropped; cut to 63; spaces, '_' and '.' become '-'; other non-word characters go (Latin-1 letters
/// are word characters); lower case; '.' and '-' trimmed from both ends; "Server-&lt;uuid&gt;" if nothing is left.
/// </summary>
internal static class HostnameSanitizer
{
    public static string FromDisplayName(string name, Guid serverId) => Sanitize(name) is { Length: > 0 } hostname ? hostname : DefaultHostname.For(serverId);

    /// <summary>The hostname a display name gives; empty when nothing is left (the server's id then names it).</summary>
    public static string Sanitize(string name)
    {
        var latin1 = new string(name.Where(c => c <= '\u00ff').ToArray());
        if (latin1.Length > 63)
        {
            latin1 = latin1[..63];
        }

        var builder = new StringBuilder(latin1.Length);
        foreach (var c in latin1)
        {
            if (c is ' ' or '_' or '.')
            {
                builder.Append('-');
            }
            else if (char.IsLetterOrDigit(c) || c == '-')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Trim('.', '-');
    }
}
