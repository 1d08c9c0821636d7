using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Telemetry;

/// <summary>
/// After authentication: adds the caller's project and user to the logging scope of the rest of the request
/// (nothing when the route needs no caller, such as the version documents).
/// </summary>
internal sealed class CallerLogScopeMiddleware(RequestDelegate next, ILogger<CallerLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CallerContext>() is not { } caller)
        {
            await next(context);
            return;
        }

        using var scope = logger.BeginScope(new CallerLogScope(caller.ProjectId, caller.UserId));
        await next(context);
    }
}
