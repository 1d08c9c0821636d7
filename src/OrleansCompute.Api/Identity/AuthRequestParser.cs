using System.Text.Json;

namespace OrleansCompute.Api.Identity;

/// <summary>Reads Keystone's auth body; anything outside the supported subset is a 400 that says so.</summary>
internal static class AuthRequestParser
{
    public static AuthRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.Object
            || !auth.TryGetProperty("identity", out var identity) || identity.ValueKind != JsonValueKind.Object)
        {
            throw IdentityFaultException.BadRequest("'identity' is a required property");
        }

        if (!identity.TryGetProperty("methods", out var methodsElement) || methodsElement.ValueKind != JsonValueKind.Array)
        {
            throw IdentityFaultException.BadRequest("'methods' is a required property");
        }

        var methods = methodsElement.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToList();
        if (methods.Count == 0 || methods.Any(m => m is not ("password" or "token")))
        {
            // Keystone answers an auth method it has no plugin for with 401.
            throw IdentityFaultException.Unauthorized();
        }

        string? userId = null, userName = null, password = null, token = null;
        if (methods.Contains("password"))
        {
            var user = Object(Object(identity, "password"), "user");
            userId = String(user, "id");
            userName = String(user, "name");
            password = String(user, "password");
            if (userName is not null && userId is null && !DomainMatches(user))
            {
                throw IdentityFaultException.Unauthorized();
            }
        }
        else
        {
            token = String(Object(identity, "token"), "id");
        }

        if ((methods.Contains("password") && (password is null || (userId is null && userName is null))) || (methods.Contains("token") && token is null && !methods.Contains("password")))
        {
            throw IdentityFaultException.BadRequest("Expecting to find user or token in the auth request.");
        }

        if (!auth.TryGetProperty("scope", out var scope))
        {
            return new AuthRequest(methods, userId, userName, password, token, null, null, Unscoped: false);
        }

        if (scope.ValueKind == JsonValueKind.String && scope.GetString() == "unscoped")
        {
            return new AuthRequest(methods, userId, userName, password, token, null, null, Unscoped: true);
        }

        if (scope.ValueKind != JsonValueKind.Object || !scope.TryGetProperty("project", out var project) || project.ValueKind != JsonValueKind.Object)
        {
            throw IdentityFaultException.BadRequest("Only project scope is supported by this identity service.");
        }

        var projectId = String(project, "id");
        var projectName = String(project, "name");
        if (projectId is null && (projectName is null || !DomainMatches(project)))
        {
            throw IdentityFaultException.Unauthorized();
        }

        return new AuthRequest(methods, userId, userName, password, token, projectId, projectName, Unscoped: false);
    }

    private static bool DomainMatches(JsonElement owner)
    {
        if (!owner.TryGetProperty("domain", out var domain))
        {
            return true;
        }

        return domain.ValueKind == JsonValueKind.Object && IdentityDomain.Matches(String(domain, "id"), String(domain, "name"));
    }

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw IdentityFaultException.BadRequest($"'{name}' is a required property");

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
