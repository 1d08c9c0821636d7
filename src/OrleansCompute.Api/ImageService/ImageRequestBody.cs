using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// The JSON bodies of the image service: a create (a flat object of properties), a patch (a JSON patch array of the
/// v2.1 or v2.0 media type) and the small member bodies. Read once, bounded like every API body.
/// </summary>
internal static class ImageRequestBody
{
    public const string PatchV21 = "application/openstack-images-v2.1-json-patch";
    public const string PatchV20 = "application/openstack-images-v2.0-json-patch";

    /// <summary><c>POST /v2/images</c>: the requested id (or null) and every other property as an <c>add</c>.</summary>
    public static async Task<(string? Id, IReadOnlyList<ImagePatchOperation> Properties)> ReadCreateAsync(HttpContext context)
    {
        using var document = await ReadAsync(context, ["application/json"]);
        var root = Object(document.RootElement);
        string? id = null;
        var properties = new List<ImagePatchOperation>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == ImageProperties.Id)
            {
                id = property.Value.ValueKind == JsonValueKind.String && ImageIds.TryKey(property.Value.GetString()!, out var key)
                    ? key
                    : throw ComputeFaultException.BadRequest("Provided object does not match schema 'image': 'id' is not a uuid.");
                continue;
            }

            properties.Add(ImagePropertyParser.Parse(ImagePatchOperation.Add, property.Name, property.Value));
        }

        return (id, properties);
    }

    /// <summary><c>PATCH /v2/images/{id}</c>: the operations in order (415 for another media type).</summary>
    public static async Task<IReadOnlyList<ImagePatchOperation>> ReadPatchAsync(HttpContext context)
    {
        var mediaType = MediaType(context.Request);
        if (mediaType is not (PatchV21 or PatchV20))
        {
            context.Response.Headers["Accept-Patch"] = $"{PatchV21}, {PatchV20}";
            throw new ComputeFaultException(415, $"Unsupported Content-Type. Use {PatchV21}.");
        }

        using var document = await ReadAsync(context, [PatchV21, PatchV20]);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ComputeFaultException.BadRequest("Request body must be a JSON array of operation objects.");
        }

        return [.. document.RootElement.EnumerateArray().Select(Operation)];
    }

    /// <summary>The one string field of a member body (<c>member</c> or <c>status</c>).</summary>
    public static async Task<string> ReadMemberFieldAsync(HttpContext context, string field)
    {
        using var document = await ReadAsync(context, ["application/json"]);
        var root = Object(document.RootElement);
        return root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 255 } text
            ? text
            : throw ComputeFaultException.BadRequest($"Request body must be a JSON object with a '{field}' string.");
    }

    /// <summary>
    /// The import method of <c>POST /import</c> (<c>{"method": {"name": ...}}</c>): 400 as Glance when either is
    /// missing or the method is not one of <paramref name="methods"/>.
    /// </summary>
    public static async Task<string> ReadImportMethodAsync(HttpContext context, IReadOnlyList<string> methods)
    {
        using var document = await ReadAsync(context, ["application/json"]);
        var root = Object(document.RootElement);
        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Import request requires a 'method' field.");
        }

        if (!method.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw ComputeFaultException.BadRequest("Import request requires a 'name' field.");
        }

        var text = name.GetString()!;
        return methods.Contains(text, StringComparer.Ordinal)
            ? text
            : throw ComputeFaultException.BadRequest($"Unknown import method name '{(text.Length > 64 ? text[..64] + "..." : text)}'.");
    }

    private static ImagePatchOperation Operation(JsonElement change)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            throw ComputeFaultException.BadRequest("Operations must be JSON objects.");
        }

        string? op = null;
        JsonElement path = default;
        if (change.TryGetProperty("op", out var opElement))
        {
            op = opElement.ValueKind == JsonValueKind.String ? opElement.GetString() : null;
            if (!change.TryGetProperty("path", out path))
            {
                throw ComputeFaultException.BadRequest("Unable to find 'path' in JSON Schema change");
            }
        }
        else
        {
            // The v2.0 draft: {"add": "/name", "value": ...}.
            foreach (var name in new[] { ImagePatchOperation.Add, ImagePatchOperation.Replace, ImagePatchOperation.Remove })
            {
                if (change.TryGetProperty(name, out path))
                {
                    op = name;
                    break;
                }
            }
        }

        if (op is not (ImagePatchOperation.Add or ImagePatchOperation.Replace or ImagePatchOperation.Remove))
        {
            throw ComputeFaultException.BadRequest("Operation objects must contain exactly one of \"add\", \"remove\", \"replace\".");
        }

        if (ImageLocationPatch.Targets(path))
        {
            throw ImageLocationPatch.Refusal(op, change);
        }

        var property = Property(path);
        JsonElement? value = null;
        if (op != ImagePatchOperation.Remove)
        {
            value = change.TryGetProperty("value", out var v) ? v : throw ComputeFaultException.BadRequest($"Operation \"{op}\" requires a member named \"value\".");
        }

        return ImagePropertyParser.Parse(op, property, value);
    }

    /// <summary>A JSON pointer of one segment (<c>/name</c>), with <c>~1</c> and <c>~0</c> unescaped.</summary>
    private static string Property(JsonElement path)
    {
        var text = path.ValueKind == JsonValueKind.String ? path.GetString()! : "";
        if (text.Length < 2 || text[0] != '/' || text.IndexOf('/', 1) >= 0)
        {
            throw ComputeFaultException.BadRequest($"Invalid JSON pointer for this resource: '{(text.Length > 40 ? text[..40] : text)}'");
        }

        return text[1..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }

    private static JsonElement Object(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? root : throw ComputeFaultException.BadRequest("Request body must be a JSON object.");

    private static async Task<JsonDocument> ReadAsync(HttpContext context, string[] mediaTypes)
    {
        var mediaType = MediaType(context.Request);
        if (mediaType is not null && !mediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new ComputeFaultException(415, $"Unsupported Content-Type {mediaType}.");
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<ComputeApiOptions>>().Value.MaxRequestBodyBytes;
        var body = await BoundedBody.ReadAsync(context.Request, limit, context.RequestAborted) ?? throw new ComputeFaultException(413, "Request is too large.");
        if (body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            throw ComputeFaultException.BadRequest("Body expected in request.");
        }

        return WellFormedJson.TryParse(body) ?? throw ComputeFaultException.BadRequest("Malformed JSON in request body.");
    }

    private static string? MediaType(HttpRequest request) =>
        string.IsNullOrWhiteSpace(request.ContentType) ? null : request.ContentType.Split(';', 2)[0].Trim().ToLowerInvariant();
}
