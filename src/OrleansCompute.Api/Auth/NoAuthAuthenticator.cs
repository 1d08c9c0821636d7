using Microsoft.AspNetCore.Http;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// Nova's noauth2 mode for development and tests: <c>X-Auth-Token: user:project</c> (a token without a colon
/// names both), and the user <c>admin</c> has the admin role; everyone else is a member of the project.
/// </summary>
internal sealed class NoAuthAuthenticator : ITokenAuthenticator
{
    private static readonly string[] AdminRoles = ["admin", "member", "reader"];
    private static readonly string[] MemberRoles = ["member", "reader"];

    public ValueTask<CallerContext?> AuthenticateAsync(string token, string requestId, CancellationToken cancellationToken)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? token[..colon] : token;
        var project = colon >= 0 && colon < token.Length - 1 ? token[(colon + 1)..] : user;
        return ValueTask.FromResult<CallerContext?>(new CallerContext
        {
            UserId = user,
            ProjectId = project,
            Roles = user == "admin" ? AdminRoles : MemberRoles,
            RequestId = requestId,
        });
    }

    public string? Challenge(HttpContext context) => null;
}
