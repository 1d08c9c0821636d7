using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// Nova's noauth2 mode for development and tests: <c>X-Auth-Token: user:project</c> (a token without a colon
/// names both), and the user <c>admin</c> has the admin role. A request without a token is 401.
/// </summary>
internal sealed class NoAuthMiddleware(RequestDelegate next)
{
    private static readonly string[] AdminRoles = ["admin", "member", "reader"];
    private static readonly string[] MemberRoles = ["member", "reader"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ComputePaths.IsVersionedApi(context.Request.Path) || ComputePaths.IsVersionDocument(context.Request.Path))
        {
            await next(context);
            return;
        }

        var token = context.Request.Headers["X-Auth-Token"].ToString();
        if (string.IsNullOrWhiteSpace(token))
        {
            await FaultWriter.WriteAsync(context, 401, "The request you have made requires authentication.");
            return;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? token[..colon] : token;
        var project = colon >= 0 && colon < token.Length - 1 ? token[(colon + 1)..] : user;
        context.Features.Set(new CallerContext
        {
            UserId = user,
            ProjectId = project,
            Roles = user == "admin" ? AdminRoles : MemberRoles,
            RequestId = context.TraceIdentifier,
        });
        await next(context);
    }
}
