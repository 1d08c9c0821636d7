using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansCompute.Api.Faults;
using OrleansCompute.Testing.Inspection;

namespace OrleansCompute.Testing.Http;

/// <summary>Applies the first matching <see cref="HttpFaultRule"/> before the endpoint sees the request.</summary>
internal sealed class HttpFaultMiddleware(RequestDelegate next, HttpFaults faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var fault = faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        RequestLog.MarkFault(context, fault.Id, dropped: fault.Rule.Abort);
        var rule = fault.Rule;
        if (rule.Latency > TimeSpan.Zero)
        {
            await Task.Delay(rule.Latency, context.RequestAborted);
        }

        if (rule.Abort)
        {
            // A reset rather than a polite end: the client sees what a crashed server or a broken proxy gives it.
            context.Features.Get<IHttpResetFeature>()?.Reset(errorCode: 0);
            context.Abort();
            return;
        }

        if (rule.Status is { } status)
        {
            await WriteFaultAsync(context, status, rule);
            return;
        }

        await next(context);
    }

    private static async Task WriteFaultAsync(HttpContext context, int status, HttpFaultRule rule)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (rule.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        // The key of Nova's fault body for the status, as the real endpoint writes it.
        writer.WriteStartObject(FaultNames.For(status));
        writer.WriteNumber("code", status);
        writer.WriteString("message", rule.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
