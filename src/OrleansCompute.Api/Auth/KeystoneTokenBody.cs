using System.Globalization;
using System.Text.Json.Nodes;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>Reads the parts of a Keystone token body that make a caller.</summary>
internal static class KeystoneTokenBody
{
    public static DateTimeOffset? ExpiresAt(JsonObject? body) =>
        body?["token"]?["expires_at"]?.GetValue<string>() is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires)
            ? expires
            : null;

    /// <summary>The caller of a project-scoped token; null for an unscoped one, which cannot use compute.</summary>
    public static CallerContext? Caller(JsonObject? body, string requestId)
    {
        var token = body?["token"];
        var userId = token?["user"]?["id"]?.GetValue<string>();
        var projectId = token?["project"]?["id"]?.GetValue<string>();
        if (userId is null || projectId is null)
        {
            return null;
        }

        var roles = token?["roles"]?.AsArray().Select(r => r?["name"]?.GetValue<string>()).OfType<string>().ToArray() ?? [];
        return new CallerContext { UserId = userId, ProjectId = projectId, Roles = roles, RequestId = requestId };
    }
}
