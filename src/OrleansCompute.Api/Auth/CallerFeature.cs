using Microsoft.AspNetCore.Http;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>Access to the authenticated caller of the current request.</summary>
internal static class CallerFeature
{
    public static CallerContext Caller(this HttpContext context) =>
        context.Features.Get<CallerContext>() ?? throw new InvalidOperationException("The request was not authenticated.");
}
