using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Api;

/// <summary>
/// A path with an encoded slash (<c>%2F</c>) is Nova's 404. Its WSGI server decodes the whole path before routing,
/// so <c>/servers/{id}/tags/a%2Fb</c> has one segment too many and matches no route; ASP.NET keeps <c>%2F</c>
/// undecoded inside a route value instead, which stored the tag <c>a%2Fb</c>. Refusing here covers every
/// route that takes a name from the path (tags, metadata keys, key pairs, ids).
/// </summary>
internal sealed class EncodedSlashMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? rawTarget : rawTarget[..query];
        if (rawPath.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            return FaultWriter.WriteAsync(context, 404, "The resource could not be found.");
        }

        return next(context);
    }
}
