using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Glance's error bodies as webob renders them: JSON <c>{"message", "code": "404 Not Found", "title"}</c> when the
/// request accepts JSON (openstacksdk), otherwise plain text starting with the status line (glanceclient, which
/// would choke on a JSON body of strings).
/// </summary>
internal static class GlanceFault
{
    public static IResult Result(HttpContext context, int status, string message) => new FaultResult(status, message, WantsJson(context.Request));

    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        503 => "Service Unavailable",
        _ => "Error",
    };

    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private sealed class FaultResult(int status, string message, bool json) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            var statusLine = $"{status} {Title(status)}";
            if (json)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["message"] = message,
                    ["code"] = statusLine,
                    ["title"] = Title(status),
                }));
                return;
            }

            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync($"{statusLine}\n\n{message}\n\n");
        }
    }
}
