using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;

namespace OrleansCompute.Api;

/// <summary>
/// Nova's legacy v2.0 compatibility (<c>/v2</c>): the v2.1 schemas validate with additional properties relaxed, so a
/// body key a schema does not know is dropped instead of refused. The schemas here live in each route's parser,
/// so the relaxation is done around them: when a <c>/v2</c> request with a body is refused with "Additional
/// properties are not allowed ('x' was unexpected)" (a schema's first check, before anything is changed), the key is
/// removed from the body and the request runs again.
/// </summary>
internal sealed partial class LegacyRelaxedBodyMiddleware(RequestDelegate next, IOptions<ComputeApiOptions> options)
{
    /// <summary>Enough for any body a client really sends; a body with more unknown keys is refused as it is.</summary>
    private const int MaxDroppedKeys = 16;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ComputePaths.IsLegacyApi(request.Path) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method))
        {
            await next(context);
            return;
        }

        var body = await BoundedBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, context.RequestAborted)
            ?? throw new ComputeFaultException(413, "Request is too large.");
        for (var dropped = 0; ; dropped++)
        {
            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
            try
            {
                await next(context);
                return;
            }
            catch (ComputeFaultException fault) when (fault.StatusCode == 400 && dropped < MaxDroppedKeys && !context.Response.HasStarted
                && Unexpected().Match(fault.Message) is { Success: true } match && Without(body, match.Groups[1].Value) is { } relaxed)
            {
                body = relaxed;
            }
        }
    }

    /// <summary>The body without the key, removed from the shallowest objects that hold it; null when it holds none.</summary>
    private static byte[]? Without(byte[] body, string key)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var level = new List<JsonNode?> { root };
        while (level.Count > 0)
        {
            var holders = level.OfType<JsonObject>().Where(o => o.ContainsKey(key)).ToList();
            if (holders.Count > 0)
            {
                holders.ForEach(o => o.Remove(key));
                return System.Text.Encoding.UTF8.GetBytes(root!.ToJsonString());
            }

            level = level.SelectMany(Children).ToList();
        }

        return null;
    }

    private static IEnumerable<JsonNode?> Children(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value),
        JsonArray array => array,
        _ => [],
    };

    [GeneratedRegex(@"^Additional properties are not allowed \('(.+)' was unexpected\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Unexpected();
}
