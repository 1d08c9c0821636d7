using System.Net;
using System.Text.Json.Nodes;

namespace OrleansCompute.WebConsole.Api;

/// <summary>What the public API answered: the status, the JSON body (if any) and Nova's fault message on an error.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, string? Fault)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>Nova's fault body <c>{"badRequest": {"code": 400, "message": "..."}}</c>: the message.</summary>
    public static string? FaultMessage(JsonNode? body)
    {
        if (body is JsonObject fault && fault.Count == 1 && fault.First().Value is JsonObject inner && inner["message"] is JsonValue message)
        {
            return message.ToString();
        }

        return body?["error"]?["message"]?.ToString();
    }
}
