using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrleansCompute.Api.Validation;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// <c>accessIPv4</c> / <c>accessIPv6</c> on create, update and rebuild: Nova's <c>ipv4</c> / <c>ipv6</c> formats,
/// and the IPv6 address stored in its canonical short form (Nova normalises it, so
/// <c>0000:...:babe:220.12.22.2</c> is kept as <c>::babe:dc0c:1602</c>).
/// </summary>
internal static class AccessAddress
{
    public static string Parse(string field, JsonElement value, AddressFamily family)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || !IPAddress.TryParse(text, out var address) || address.AddressFamily != family || !IsPlain(text, family))
        {
            var kind = family == AddressFamily.InterNetwork ? "ipv4" : "ipv6";
            throw SchemaErrors.Invalid(field, value, $"{SchemaErrors.Quoted(value)} is not a '{kind}'");
        }

        return family == AddressFamily.InterNetworkV6 ? address.ToString() : text;
    }

    /// <summary>The forms .NET also reads but the formats refuse: short IPv4 forms, brackets, ports and zones.</summary>
    private static bool IsPlain(string text, AddressFamily family) =>
        family == AddressFamily.InterNetwork
            ? text.Count(c => c == '.') == 3
            : text.IndexOfAny(['[', ']', '%', '/']) < 0;
}
