using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;

namespace OrleansCompute.Api;

/// <summary>
/// Reads a request body as Nova does: 415 for a content type other than JSON, 413 past the size limit,
/// 400 "Malformed request body" for bad JSON, and an empty body as JSON null (which the schema then rejects).
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var contentType = request.ContentType;
        if (!string.IsNullOrWhiteSpace(contentType) && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            var mediaType = contentType.Split(';', 2)[0].Trim();
            if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                && !mediaType.Equals("application/vnd.openstack.compute+json", StringComparison.OrdinalIgnoreCase))
            {
                throw new ComputeFaultException(415, "Unsupported Content-Type");
            }
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<ComputeApiOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw new ComputeFaultException(413, "Request is too large.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ComputeFaultException(413, "Request is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return JsonDocument.Parse("null");
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), Options);
        }
        catch (JsonException)
        {
            throw ComputeFaultException.BadRequest("Malformed request body");
        }
    }
}
