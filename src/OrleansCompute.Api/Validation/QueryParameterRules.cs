using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// Nova's query schemas for the routes that do not check their own: from 2.102 every API refuses a query parameter
/// it does not know (400 "Additional properties are not allowed"), as <c>GET /os-console-auth-tokens/{token}</c>
/// does from 2.99. Below those versions unknown parameters are ignored. The server list and <c>/limits</c> check
/// their own query (strict from 2.75). A route not in <see cref="Known"/> takes no query parameter at all.
/// </summary>
internal static class QueryParameterRules
{
    private static readonly ApiVersion Strict = new(2, 102);

    /// <summary>Routes (method and template under the version prefix) that take query parameters; null: the route checks its own.</summary>
    private static readonly FrozenDictionary<string, string[]?> Known = new Dictionary<string, string[]?>(StringComparer.Ordinal)
    {
        ["GET /servers"] = null,
        ["GET /servers/detail"] = null,
        ["GET /limits"] = null,
        ["GET /flavors"] = ["is_public", "minRam", "minDisk", "sort_key", "sort_dir", "limit", "marker", "name"],
        ["GET /flavors/detail"] = ["is_public", "minRam", "minDisk", "sort_key", "sort_dir", "limit", "marker", "name"],
        ["GET /os-keypairs"] = ["user_id", "limit", "marker"],
        ["GET /os-keypairs/{name}"] = ["user_id"],
        ["DELETE /os-keypairs/{name}"] = ["user_id"],
        ["GET /os-server-groups"] = ["all_projects", "limit", "offset"],
        ["GET /servers/{id}/os-instance-actions"] = ["limit", "marker", "changes-since", "changes-before"],
        ["GET /os-quota-sets/{project}"] = ["user_id"],
        ["GET /os-quota-sets/{project}/detail"] = ["user_id"],
        ["PUT /os-quota-sets/{project}"] = ["user_id"],
        ["DELETE /os-quota-sets/{project}"] = ["user_id"],
        ["GET /os-services"] = ["binary", "host"],
        ["GET /os-hypervisors"] = ["limit", "marker", "hypervisor_hostname_pattern", "with_servers"],
        ["GET /os-hypervisors/detail"] = ["limit", "marker", "hypervisor_hostname_pattern", "with_servers"],
        ["GET /os-hypervisors/{id}"] = ["with_servers"],
        // The operator's lists parse and check their own query (strict from 2.59 and 2.75, as Nova's schemas).
        ["GET /os-migrations"] = null,
        ["GET /os-simple-tenant-usage"] = null,
        ["GET /os-simple-tenant-usage/{tenant_id}"] = null,
        ["GET /servers/{server_id}/os-volume_attachments"] = ["limit", "offset"],
        ["DELETE /os-assisted-volume-snapshots/{id}"] = ["delete_info"],
        // The image proxy is gone from 2.36 (404 whatever the query says).
        ["GET /images"] = null,
        ["GET /images/detail"] = null,
        // The network proxies are gone from 2.36 as well (os-security-groups reads all_tenants, limit and offset below).
        ["GET /os-security-groups"] = null,
        ["GET /os-networks"] = null,
        ["GET /os-tenant-networks"] = null,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The first version that refuses unknown query parameters on a route.</summary>
    public static ApiVersion StrictFrom(string route) => route == "/os-console-auth-tokens/{token}" ? new ApiVersion(2, 99) : Strict;

    /// <summary>Throws Nova's 400 for the first query parameter the matched route does not take at the request's version.</summary>
    public static void Ensure(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.Count == 0 || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return;
        }

        var version = context.Features.Get<MicroversionFeature>()?.Version ?? ApiVersion.Minimum;
        var route = RouteUnderVersion(endpoint.RoutePattern.RawText ?? "");
        if (version < StrictFrom(route))
        {
            return;
        }

        var allowed = Known.TryGetValue(context.Request.Method + " " + route, out var names) ? names : [];
        if (allowed is null)
        {
            return;
        }

        foreach (var name in query.Keys)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw SchemaErrors.Additional(name);
            }
        }
    }

    /// <summary>The template after the version segment (<c>v2.1</c> or <c>v2</c>) and the optional project segment.</summary>
    internal static string RouteUnderVersion(string template)
    {
        var segments = template.Split('/');
        var start = Array.FindIndex(segments, s => s is "v2.1" or "v2");
        if (start < 0)
        {
            return template;
        }

        start++;
        if (start < segments.Length && segments[start].StartsWith("{project_id", StringComparison.Ordinal))
        {
            start++;
        }

        return "/" + string.Join('/', segments.Skip(start));
    }
}
