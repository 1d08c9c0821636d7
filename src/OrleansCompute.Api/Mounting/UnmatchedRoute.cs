using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Api.Mounting;

/// <summary>The catch-all of a mount: Nova's router answers 404 for unknown paths and for methods a path lacks.</summary>
internal static class UnmatchedRoute
{
    public static Task NotFound(HttpContext context) => FaultWriter.WriteAsync(context, 404, "The resource could not be found.");
}
