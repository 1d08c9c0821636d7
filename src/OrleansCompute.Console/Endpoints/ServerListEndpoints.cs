using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The project's servers: the list (filters, sort, paging), one row alone for the live updates, and the event
/// stream the page listens to (the project-scoped <c>/v2.1/os-events/project</c>, relayed with the user's token
/// and without the SSE event names (the type is in each frame's data), because a browser's EventSource cannot send the token and the page's scripts cannot read it).
/// </summary>
internal static class ServerListEndpoints
{
    private const int PageSize = 20;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/servers", Page.Signed(ListAsync));
        group.MapGet("/servers/{id}/row", Page.Signed(RowAsync));
        group.MapGet("/events", RelayEventsAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        string? name = Page.Query(context, "name"), status = Page.Query(context, "status"), marker = Page.Query(context, "marker");
        var sort = Page.Query(context, "sort") ?? ServerListPage.Sorts[0].Key;
        var (sortKey, sortDir) = sort.Split(':') is [var k, var d] ? (k, d) : ("created_at", "desc");
        var query = $"/v2.1/servers/detail?limit={PageSize}&sort_key={Uri.EscapeDataString(sortKey)}&sort_dir={Uri.EscapeDataString(sortDir)}";
        if (!string.IsNullOrEmpty(name))
        {
            query += "&name=" + Uri.EscapeDataString(name);
        }

        if (!string.IsNullOrEmpty(status))
        {
            query += "&status=" + Uri.EscapeDataString(status);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query += "&marker=" + Uri.EscapeDataString(marker);
        }

        var response = await api.GetAsync(query, user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var servers = (response.Body?["servers"] as JsonArray ?? []).OfType<JsonNode>().ToList();
        // A full page has a servers_links "next"; its marker is the last server's id.
        var next = response.Body?["servers_links"] is JsonArray { Count: > 0 } && servers.Count > 0 ? Json.Text(servers[^1], "id") : null;
        return Page.Render<ServerListPage>(new
        {
            User = user, Servers = servers, Now = DateTimeOffset.UtcNow, Name = name, Status = status, Sort = sort,
            Marker = marker, NextMarker = next, Notice = Page.Query(context, "notice"), Error = Page.Query(context, "error"),
        });
    }

    private static async Task<IResult> RowAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var response = await api.GetAsync("/v2.1/servers/" + Uri.EscapeDataString(Page.RouteId(context)), user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            // The script removes the row of a server that is gone.
            return Results.StatusCode((int)response.Status);
        }

        return Page.Render<ServerRow>(new { Server = response.Body?["server"], Now = DateTimeOffset.UtcNow });
    }

    private static async Task RelayEventsAsync(HttpContext context)
    {
        var user = await context.RequestServices.GetRequiredService<SessionValidator>().CurrentAsync(context);
        if (user is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var api = context.RequestServices.GetRequiredService<ComputeApiClient>();
        var path = "/v2.1/os-events/project";
        if (Page.Query(context, "server_id") is { } serverId)
        {
            path += "?server_id=" + Uri.EscapeDataString(serverId);
        }

        try
        {
            using var upstream = await api.OpenStreamAsync(path, user.Token, context.RequestAborted);
            context.Response.StatusCode = (int)upstream.StatusCode;
            context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            using var reader = new StreamReader(await upstream.Content.ReadAsStreamAsync(context.RequestAborted));
            while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
            {
                // Without the event names every frame reaches the page's one "message" listener; the type is in the data.
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    continue;
                }

                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                if (line.Length == 0)
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The browser left, or the host is stopping: EventSource reconnects by itself when it is still there.
        }
    }
}
