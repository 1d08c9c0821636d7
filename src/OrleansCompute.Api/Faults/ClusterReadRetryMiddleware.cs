using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansCompute.Api.Faults;

/// <summary>
/// A read that failed because the silo holding its grain (or its directory entry) is dead is served again, until
/// membership has declared the silo dead and the grain answers from a survivor: at most
/// <see cref="ClusterRecovery.Window"/>, then the 503 stands. Only GET and HEAD: they change nothing, so running
/// them twice is harmless. A write is never run again here: the failure may come from a call the grain made after
/// it committed (a delete whose host release found the silo dead), so whether it ran cannot be known from the
/// failure, and the client decides with the 503's <c>Retry-After</c>.
/// </summary>
internal sealed partial class ClusterReadRetryMiddleware(RequestDelegate next, ClusterRecovery recovery, ILogger<ClusterReadRetryMiddleware> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception exception) when (!context.Response.HasStarted
                && ClusterUnavailable.Is(exception)
                && Stopwatch.GetElapsedTime(started) + pause < recovery.Window)
            {
                LogRetrying(logger, context.TraceIdentifier, attempt, exception.GetType().Name);
            }

            context.Response.Clear();
            await Task.Delay(pause, context.RequestAborted);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {RequestId} found the cluster unavailable ({Failure}, attempt {Attempt}); serving it again")]
    private static partial void LogRetrying(ILogger logger, string requestId, int attempt, string failure);
}
