using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>
/// A response body written straight to a <see cref="Utf8JsonWriter"/>: the views decide field by field what a
/// microversion shows, without an intermediate object model.
/// </summary>
internal sealed class JsonResponse(int statusCode, Action<Utf8JsonWriter> write, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, JsonWriterSettings.Options))
        {
            write(writer);
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
