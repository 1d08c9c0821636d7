using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Identity;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// <c>identity</c> mode: the token must be one the built-in identity service issued, unexpired and scoped to a
/// project (an unscoped token cannot use compute, as with Keystone).
/// </summary>
internal sealed class IdentityTokenAuthenticator(TokenService tokens, IOptions<IdentityOptions> options) : ITokenAuthenticator
{
    public ValueTask<CallerContext?> AuthenticateAsync(string token, string requestId, CancellationToken cancellationToken)
    {
        var validated = tokens.Validate(token);
        if (validated?.Project is not { } project)
        {
            return ValueTask.FromResult<CallerContext?>(null);
        }

        return ValueTask.FromResult<CallerContext?>(new CallerContext
        {
            UserId = validated.User.Id,
            ProjectId = project.Id,
            Roles = validated.Roles.Select(r => r.Name).ToArray(),
            RequestId = requestId,
        });
    }

    public string? Challenge(HttpContext context) => $"Keystone uri=\"{IdentityPaths.BaseUrl(context, options)}{IdentityPaths.Identity}\"";
}
