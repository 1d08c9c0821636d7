using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Api.Telemetry;

/// <summary>
/// Around every compute request, right after its request id is given: a logging scope with the request id, the
/// request id in Orleans' <c>RequestContext</c> (so grain-side logs carry it too), and the request's count and
/// duration by route template, method, final status code and microversion. Runs outside the fault middleware, so
/// the status recorded is the one the client got.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, ILogger<RequestTelemetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.TraceIdentifier;
        using var scope = logger.BeginScope(new RequestLogScope(requestId));
        ComputeRequestContext.SetRequestId(requestId);
        if (!ComputeInstruments.Requests.Enabled && !ComputeInstruments.RequestDuration.Enabled)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var statusCode = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        finally
        {
            Record(context, statusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private static void Record(HttpContext context, int statusCode, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { ComputeTelemetry.RouteTag, RouteTemplates.Of(context) },
            { ComputeTelemetry.MethodTag, context.Request.Method },
            { ComputeTelemetry.StatusCodeTag, statusCode },
            { ComputeTelemetry.MicroversionTag, context.Features.Get<MicroversionFeature>()?.Version.ToString() ?? "none" },
        };
        ComputeInstruments.Requests.Add(1, tags);
        ComputeInstruments.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }
}
