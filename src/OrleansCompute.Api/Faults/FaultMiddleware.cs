using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Faults;

/// <summary>
/// Turns every failure into a Nova fault body: known faults keep their status, an unreachable silo is a 503
/// with a Retry-After of <see cref="ClusterRecovery.Window"/> (a retry then answers: membership has settled), anything else a 500 that names nothing internal (no type, stack or path).
/// Unknown routes and methods a path lacks are 404, as Nova's router answers both.
/// </summary>
internal sealed partial class FaultMiddleware(RequestDelegate next, ClusterRecovery recovery, ILogger<FaultMiddleware> logger)
{
    /// <summary>
    /// Retry-After for a database outage: how long one lasts is unknown here; 5 s lets a restarting PostgreSQL or a
    /// freed disk take the retry, without clients idling long after it is back or hammering it while it is down.
    /// </summary>
    private const string StorageRetryAfter = "5";

    private const string UnexpectedError = "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ComputeFaultException fault) when (!context.Response.HasStarted)
        {
            await FaultWriter.WriteAsync(context, fault.StatusCode, fault.Message);
            return;
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await FaultWriter.WriteAsync(context, bad.StatusCode == 413 ? 413 : 400, bad.StatusCode == 413 ? "Request is too large." : "Malformed request body");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && StorageOutage.Find(exception) is { } outage)
        {
            LogStorageUnavailable(logger, exception, context.TraceIdentifier);
            var message = outage.Full
                ? "The compute service's database is full; retry the request once an operator has freed space."
                : "The compute service's database is unavailable; retry the request.";
            await FaultWriter.WriteAsync(context, 503, message, retryAfter: StorageRetryAfter);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && ClusterUnavailable.Is(exception))
        {
            LogUnavailable(logger, exception, context.TraceIdentifier);
            await FaultWriter.WriteAsync(context, 503, "The compute service is temporarily unavailable; retry the request.", retryAfter: recovery.RetryAfter);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, exception, context.TraceIdentifier);
            // Nova appends the exception's class; ours stays in the log (with the request id), never in the body.
            await FaultWriter.WriteAsync(context, 500, UnexpectedError);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode is 404 or 405 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await FaultWriter.WriteAsync(context, 404, "The resource could not be found.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} failed: the cluster is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} failed: the database is unavailable")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string requestId);
}
