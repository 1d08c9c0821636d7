using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCompute.WebConsole.Api;

namespace OrleansCompute.WebConsole.Session;

/// <summary>
/// Signs a person in with the identity service (<c>POST .../v3/auth/tokens</c>: the host's own, or the external
/// Keystone) and turns a cookie's token back into the user by validating it there (<c>GET .../v3/auth/tokens</c>,
/// the token validating itself), remembering the answer for a
/// short while so that every page does not cost an identity call.
/// </summary>
internal sealed class SessionValidator(ComputeApiClient api, ConsoleOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (ConsoleUser User, DateTimeOffset CheckedAt)> _checked = new(StringComparer.Ordinal);

    /// <summary>The user of the request's cookie, or null when there is none or its token is no longer valid.</summary>
    public async Task<ConsoleUser?> CurrentAsync(HttpContext context)
    {
        var token = SessionCookie.Read(context);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        if (_checked.TryGetValue(token, out var known) && now - known.CheckedAt < options.SessionCheckInterval && known.User.ExpiresAt > now)
        {
            return known.User;
        }

        var (response, _) = await api.TokensAsync(HttpMethod.Get, null, token, token, context.RequestAborted);
        var user = response.Ok ? Parse(token, response.Body) : null;
        if (user is null)
        {
            _checked.TryRemove(token, out _);
            return null;
        }

        _checked[token] = (user, now);
        return user;
    }

    /// <summary>Asks the identity service for a project-scoped token; the fault message when it refuses.</summary>
    public async Task<(ConsoleUser? User, string? Error)> SignInAsync(string userName, string password, string project, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = userName, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } },
                },
            },
        };
        var (response, token) = await api.TokensAsync(HttpMethod.Post, body, null, null, cancellationToken);
        if (!response.Ok || token is null)
        {
            // Keystone says 401 for a wrong name or password alike: so does the console.
            return (null, (int)response.Status == 401 ? "The user name, password or project is not right." : response.Fault);
        }

        var user = Parse(token, response.Body);
        if (user is not null)
        {
            _checked[token] = (user, _clock.GetUtcNow());
        }

        return (user, user is null ? "The identity service answered without a project scope." : null);
    }

    public void Forget(string? token)
    {
        if (token is not null)
        {
            _checked.TryRemove(token, out _);
        }
    }

    private static ConsoleUser? Parse(string token, JsonNode? body)
    {
        var t = body?["token"];
        if (t?["project"] is not JsonObject project)
        {
            return null;
        }

        var roles = (t["roles"] as JsonArray ?? []).Select(r => r?["name"]?.ToString()).OfType<string>().ToList();
        var expires = DateTimeOffset.TryParse(t["expires_at"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e)
            ? e : DateTimeOffset.MaxValue;
        return new ConsoleUser(token, t["user"]?["name"]?.ToString() ?? "", project["name"]?.ToString() ?? "", project["id"]?.ToString() ?? "", roles, expires);
    }
}
