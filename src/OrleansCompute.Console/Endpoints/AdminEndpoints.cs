using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The admin view: every project's servers (<c>all_tenants</c>) and the hosts' load summed from where they are
/// placed. The API's policy decides (a member's <c>all_tenants</c> list is its own project's): the console refuses
/// the page to a token without the admin role rather than show a misleading "all projects".
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/admin", Page.Signed(ShowAsync));

    private static async Task<IResult> ShowAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        if (!user.IsAdmin)
        {
            return Page.Render<MessagePage>(new { User = user, Title = "Not allowed", Message = "The admin pages need the admin role." }, 403);
        }

        var response = await api.GetAsync("/v2.1/servers/detail?all_tenants=1&limit=1000", user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var servers = (response.Body?["servers"] as JsonArray ?? []).OfType<JsonNode>().ToList();
        long Number(JsonNode server, string key) => long.TryParse(server["flavor"]?[key]?.ToString(), out var n) ? n : 0;
        var hosts = servers
            .Where(s => Json.Text(s, "OS-EXT-SRV-ATTR:host").Length > 0)
            .GroupBy(s => Json.Text(s, "OS-EXT-SRV-ATTR:host"), StringComparer.Ordinal)
            .Select(g => new HostLoad(g.Key, g.Count(), g.Sum(s => Number(s, "vcpus")), g.Sum(s => Number(s, "ram")), g.Sum(s => Number(s, "disk"))))
            .OrderBy(h => h.Host, StringComparer.Ordinal)
            .ToList();
        return Page.Render<AdminPage>(new { User = user, Servers = servers, Hosts = hosts });
    }
}
