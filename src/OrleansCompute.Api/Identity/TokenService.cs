using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Api.Identity;

/// <summary>Issues and validates the built-in identity service's tokens. Stateless: a token is its own record.</summary>
internal sealed class TokenService(IdentityDirectory directory, TokenProtector protector, TimeProvider time, IOptions<IdentityOptions> options)
{
    public ValidatedToken Issue(IdentityUser user, IdentityProject? project, IReadOnlyList<string> methods, ValidatedToken? from = null)
    {
        var now = Truncate(time.GetUtcNow());
        // A re-scoped token keeps the expiry and audit chain of the token it came from, as in Keystone.
        var expires = from?.Payload.ExpiresAt ?? now + options.Value.TokenLifetime;
        var auditIds = from is null ? [NewAuditId()] : new[] { NewAuditId(), from.Payload.AuditIds[0] };
        var payload = new TokenPayload(user.Id, project?.Id, methods, now, expires, auditIds);
        var token = protector.Protect(JsonSerializer.Serialize(payload));
        return new ValidatedToken(token, payload, user, project);
    }

    public ValidatedToken? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || protector.Unprotect(token) is not { } json)
        {
            return null;
        }

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null || payload.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        var user = directory.FindUser(payload.UserId, null);
        if (user is null || !user.Enabled)
        {
            return null;
        }

        if (payload.ProjectId is null)
        {
            return new ValidatedToken(token, payload, user, null);
        }

        // The user may have lost the project since (configuration changed): the token then no longer holds.
        return user.Project.Id == payload.ProjectId ? new ValidatedToken(token, payload, user, user.Project) : null;
    }

    /// <summary>Keystone's timestamps have microseconds; whole milliseconds read back identically.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Keystone's audit id: 16 random bytes, URL-safe base64 without padding (22 characters).</summary>
    private static string NewAuditId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
