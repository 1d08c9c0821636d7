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
/// The serial console of a signed-in user: a terminal-looking page, and a websocket (<see cref="ConsoleLogSocket"/>)
/// whose log comes from the public API (<c>os-getConsoleOutput</c>) with the user's token.
/// </summary>
internal static class SerialConsoleEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/servers/{id}/console", Page.Signed(ShowAsync));
        group.Map("/servers/{id}/console/socket", StreamAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var response = await api.GetAsync("/v2.1/servers/" + Uri.EscapeDataString(Page.RouteId(context)), user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var id = Json.Text(response.Body?["server"], "id");
        return Page.Render<SerialConsolePage>(new
        {
            User = user, ServerId = id, ServerName = Json.Text(response.Body?["server"], "name"),
            Socket = $"/console/servers/{id}/console/socket",
        });
    }

    private static async Task StreamAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var user = await services.GetRequiredService<SessionValidator>().CurrentAsync(context);
        if (user is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var api = services.GetRequiredService<ComputeApiClient>();
        var path = "/v2.1/servers/" + Uri.EscapeDataString(Page.RouteId(context)) + "/action";
        await ConsoleLogSocket.StreamAsync(context, async cancellationToken =>
        {
            var response = await api.PostAsync(path, user.Token, new JsonObject { ["os-getConsoleOutput"] = new JsonObject() }, cancellationToken: cancellationToken);
            if ((int)response.Status is 404 or 401 or 403)
            {
                return new ConsoleLogRead(null, response.Fault ?? "gone");
            }

            // 409 while the server is not ready yet (building, no host): nothing to show yet.
            return new ConsoleLogRead(response.Ok ? Json.Text(response.Body, "output") : null, null);
        });
    }
}
