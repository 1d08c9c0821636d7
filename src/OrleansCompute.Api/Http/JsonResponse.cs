using System.Buffers;
using System.Text.Json;
using Microsoft.IO;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>
/// A response body written straight to a <see cref="Utf8JsonWriter"/>: the views decide field by field what a
/// microversion shows, without an intermediate object model.
/// </summary>
internal sealed class JsonResponse(int statusCode, Action<Utf8JsonWriter> write, string? location = null) : IResult
{
    // Bounded free pools: a burst of large pages must not keep its memory for the life of the process.
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 32L * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32L * 1024 * 1024,
    });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        // The body is built whole, so that Content-Length is sent as Nova sends it. The writer writes straight into
        // pooled blocks (RecyclableMemoryStream is an IBufferWriter): a page of 1000 servers (megabytes) no longer
        // grows a writer buffer and a MemoryStream by doubling on the large object heap for every request.
        using var buffer = Buffers.GetStream("compute-json-response");
        await using (var writer = new Utf8JsonWriter((IBufferWriter<byte>)buffer, JsonWriterSettings.Options))
        {
            write(writer);
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
