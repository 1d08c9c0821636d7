using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// Encrypts and authenticates token payloads (ASP.NET Core Data Protection, whose key ring the host keeps in the
/// data directory), so that tokens survive a restart and nobody can forge or read one without the keys.
/// </summary>
public sealed class TokenProtector
{
    /// <summary>
    /// The Data Protection application name every node uses: keys made under it protect tokens that any node with the
    /// same key ring (a shared directory, or cluster mode's database) can read.
    /// </summary>
    public const string ApplicationName = "orleans-compute";

    private const string Purpose = "OrleansCompute.Identity.Token.v1";

    private readonly IDataProtector _protector;

    public TokenProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>A protector whose keys live in <paramref name="keyDirectory"/>; every host sharing it accepts the same tokens.</summary>
    public static TokenProtector WithKeysIn(string keyDirectory) =>
        new(DataProtectionProvider.Create(new DirectoryInfo(keyDirectory), builder => builder.SetApplicationName(ApplicationName)));

    /// <summary>A URL-safe token.</summary>
    public string Protect(string payload) => _protector.Protect(payload);

    /// <summary>The payload, or null when the token was not made with these keys or was altered.</summary>
    public string? Unprotect(string token)
    {
        if (!HasOneSpelling(token))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the token is written exactly as <see cref="Protect"/> writes it: unpadded base64url. The decoder also
    /// takes padding (<c>==</c>) and other spare bits, which would give one token several spellings.
    /// </summary>
    private static bool HasOneSpelling(string token)
    {
        if (token.Length == 0 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        try
        {
            return WebEncoders.Base64UrlEncode(WebEncoders.Base64UrlDecode(token)) == token;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
