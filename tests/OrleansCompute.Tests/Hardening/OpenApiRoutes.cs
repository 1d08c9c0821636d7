using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Hardening;

/// <summary>The (method, path template) pairs of the OpenAPI document the host serves: the suite attacks every route it lists.</summary>
public sealed record OpenApiRoute(string Method, string Template)
{
    public static async Task<IReadOnlyList<OpenApiRoute>> ReadAsync(HttpClient http)
    {
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/compute.json"))!;
        var routes = new List<OpenApiRoute>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
            {
                if (method is "get" or "put" or "post" or "delete" or "patch")
                {
                    routes.Add(new OpenApiRoute(method.ToUpperInvariant(), path));
                }
            }
        }

        return routes;
    }

    /// <summary>Whether serving the request would change something: every such request the suite sends must be refused.</summary>
    public bool Mutates => Method is not "GET";

    /// <summary>The body's envelope key Nova expects on this route (the action names for /action), or null when it takes no body.</summary>
    public IReadOnlyList<string> Envelopes => Template switch
    {
        _ when Method is "GET" or "DELETE" => [],
        _ when Template.EndsWith("/action", StringComparison.Ordinal) =>
            ["reboot", "os-start", "os-stop", "createImage", "resize", "rebuild", "lock", "pause", "suspend", "shelve", "rescue",
             "addSecurityGroup", "removeSecurityGroup", "changePassword", "os-resetState", "createBackup", "os-getConsoleOutput", "migrate"],
        _ when Template.EndsWith("/servers", StringComparison.Ordinal) => ["server"],
        _ when Template.EndsWith("/servers/{id}", StringComparison.Ordinal) => ["server"],
        _ when Template.EndsWith("/metadata", StringComparison.Ordinal) => ["metadata"],
        _ when Template.EndsWith("/metadata/{key}", StringComparison.Ordinal) => ["meta"],
        _ when Template.EndsWith("/tags", StringComparison.Ordinal) => ["tags"],
        _ when Template.EndsWith("/os-keypairs", StringComparison.Ordinal) => ["keypair"],
        _ when Template.EndsWith("/os-server-groups", StringComparison.Ordinal) => ["server_group"],
        _ when Template.Contains("/os-quota-sets/", StringComparison.Ordinal) => ["quota_set"],
        _ when Template.EndsWith("/auth/tokens", StringComparison.Ordinal) => ["auth"],
        // An image create takes a flat object (even {} is valid): a read-only property in it makes every body a 403.
        _ when Template.EndsWith("/image/v2/images", StringComparison.Ordinal) => ["status"],
        _ => [],
    };
}
