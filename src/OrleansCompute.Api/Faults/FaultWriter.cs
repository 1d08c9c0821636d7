using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Faults;

/// <summary>Writes Nova's fault body <c>{"faultName": {"code": N, "message": "..."}}</c> as application/json.</summary>
internal static class FaultWriter
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message, string? retryAfter = null)
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        var body = new JsonResponse(statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject(FaultNames.For(statusCode));
            writer.WriteNumber("code", statusCode);
            writer.WriteString("message", message);
            if (retryAfter is not null && statusCode is 413 or 429)
            {
                writer.WriteString("retryAfter", retryAfter);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return body.ExecuteAsync(context);
    }
}
