using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Api.Mounting;

/// <summary>
/// Authentication by the embedding product: its resolver names the caller instead of an X-Auth-Token, on the same
/// paths token authentication covers (the version documents stay public, as in Nova).
/// </summary>
internal sealed class ProductCallerMiddleware(RequestDelegate next, ComputeCallerResolver resolve)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!Auth.AuthenticationMiddleware.NeedsAuthentication(context.Request.Path))
        {
            await next(context);
            return;
        }

        var caller = await resolve(context);
        if (caller is null)
        {
            await FaultWriter.WriteAsync(context, 401, "The request you have made requires authentication.");
            return;
        }

        context.Features.Set(caller.ToCallerContext(context.TraceIdentifier));
        await next(context);
    }
}
