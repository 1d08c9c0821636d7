using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Hardening;

/// <summary>What a refusal must look like: Nova's fault body (or Keystone's error), and nothing of our insides.</summary>
internal static class FaultBody
{
    /// <summary>Text that only an exception, a stack trace or a source path would put in a body.</summary>
    private static readonly string[] Internals =
    [
        "Exception", "<class '", "   at ", "OrleansCompute.", "System.", ".cs:line", "/work/", "/src/", "/tmp/", "\\src\\", "StackTrace",
    ];

    public static string? FindInternals(string body) => Internals.FirstOrDefault(marker => body.Contains(marker, StringComparison.Ordinal));

    /// <summary>The fault name of a Nova fault body <c>{"name": {"code": status, "message": "..."}}</c>, or null when it is not one.</summary>
    public static string? NovaFaultName(string body, int status)
    {
        if (!TryParse(body, out var node) || node is not JsonObject root || root.Count != 1)
        {
            return null;
        }

        var (name, fault) = root.First();
        return fault is JsonObject inner
            && inner["code"] is JsonValue code && code.TryGetValue<int>(out var value) && value == status
            && inner["message"] is JsonValue message && message.TryGetValue<string>(out _)
            ? name
            : null;
    }

    /// <summary>Whether the body is Keystone's <c>{"error": {"code": status, "message", "title"}}</c>.</summary>
    public static bool IsKeystoneError(string body, int status) =>
        TryParse(body, out var node)
        && node?["error"] is JsonObject error
        && error["code"] is JsonValue code && code.TryGetValue<int>(out var value) && value == status
        && error["message"] is JsonValue && error["title"] is JsonValue;

    private static bool TryParse(string body, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(body);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            node = null;
            return false;
        }
    }
}
