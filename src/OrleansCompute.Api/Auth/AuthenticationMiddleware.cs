using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Faults;
using OrleansCompute.Api.ImageService;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// Authenticates the compute API (<c>/v2.1</c>, except its version documents) and the image API
/// (<c>/image/v2</c>) with the configured mode's authenticator. A missing or invalid token is a 401, with
/// keystonemiddleware's WWW-Authenticate header pointing at the identity service.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, ITokenAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!NeedsAuthentication(context.Request.Path))
        {
            await next(context);
            return;
        }

        var token = context.Request.Headers["X-Auth-Token"].ToString();
        var caller = string.IsNullOrWhiteSpace(token)
            ? null
            : await authenticator.AuthenticateAsync(token.Trim(), context.TraceIdentifier, context.RequestAborted);
        if (caller is null)
        {
            if (authenticator.Challenge(context) is { } challenge)
            {
                context.Response.Headers.WWWAuthenticate = challenge;
            }

            await FaultWriter.WriteAsync(context, 401, "The request you have made requires authentication.");
            return;
        }

        context.Features.Set(caller);
        await next(context);
    }

    internal static bool NeedsAuthentication(PathString path) =>
        (ComputePaths.IsVersionedApi(path) && !ComputePaths.IsVersionDocument(path))
        || path.StartsWithSegments(ImageServiceEndpoints.V2Prefix, StringComparison.Ordinal)
        || path.StartsWithSegments(Network.NeutronPaths.V2, StringComparison.Ordinal)
        || Volume.VolumePaths.NeedsAuthentication(path);
}
