using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Faults;

/// <summary>Writes Nova's fault body <c>{"faultName": {"code": N, "message": "..."}}</c> as application/json.</summary>
internal static class FaultWriter
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string message, string? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, JsonWriterSettings.Options))
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
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, context.RequestAborted);
    }
}
