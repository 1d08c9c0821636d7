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
            GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                PartitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true })),
            OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
                return new ValueTask(FaultWriter.WriteAsync(rejected.HttpContext, 429, Message, seconds.ToString(CultureInfo.InvariantCulture)));
            },
        });
    }

    /// <summary>The caller's project; a request without one (before authentication applies) is counted by client address.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.Features.Get<CallerContext>() is { } caller
            ? "project:" + caller.ProjectId
            : "address:" + context.Connection.RemoteIpAddress;
}
