using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>Turns an X-Auth-Token into the caller, or null when the token is not valid (401).</summary>
internal interface ITokenAuthenticator
{
    ValueTask<CallerContext?> AuthenticateAsync(string token, string requestId, CancellationToken cancellationToken);

    /// <summary>The WWW-Authenticate header of a 401, as keystonemiddleware sends it; null for none.</summary>
    string? Challenge(Microsoft.AspNetCore.Http.HttpContext context);
}
