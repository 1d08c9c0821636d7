using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using OrleansCompute.Api.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Limits;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by project, in the compute pipeline after authentication. A refused
/// request is Nova's 429 <c>overLimit</c> fault with <c>Retry-After</c> (and <c>retryAfter</c> in the body) in whole
/// seconds until the window reopens.
/// </summary>
internal static class ProjectRateLimiter
{
    public const string Message = "This request was rate-limited.";

    public static void Use(IApplicationBuilder app, RateLimitOptions options)
    {
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        app.UseRateLimiter(new RateLimiterOptions
        {
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            // Requests without a caller (version documents, the identity service) are not limited: they name no
            // project, and a limit per client address would throttle every client behind one proxy together.
            GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => context.Features.Get<CallerContext>() is { } caller
                ? RateLimitPartition.GetFixedWindowLimiter(
                    caller.ProjectId,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true })
                : RateLimitPartition.GetNoLimiter("")),
            OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
                return new ValueTask(FaultWriter.WriteAsync(rejected.HttpContext, 429, Message, seconds.ToString(CultureInfo.InvariantCulture)));
            },
        });
    }
}
