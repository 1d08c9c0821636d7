using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;

namespace OrleansCompute.Api;

/// <summary>
/// Reads a request body as Nova does: 415 for a content type other than JSON, 413 past the size limit,
/// 400 "Malformed request body" for bad JSON or text that is not Unicode, and an empty body as JSON null (which the schema then rejects).
/// </summary>
internal static class JsonBody
{
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
        var body = await BoundedBody.ReadAsync(request, limit, context.RequestAborted) ?? throw new ComputeFaultException(413, "Request is too large.");
        if (body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return JsonDocument.Parse("null");
        }

        // Bad JSON and text that is not Unicode (invalid UTF-8, a lone surrogate escape) are both a malformed body.
        return WellFormedJson.TryParse(body) ?? throw ComputeFaultException.BadRequest("Malformed request body");
    }
}
