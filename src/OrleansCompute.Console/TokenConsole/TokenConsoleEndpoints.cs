using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Consoles;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Endpoints;

namespace OrleansCompute.WebConsole.TokenConsole;

/// <summary>
/// The URLs the remote-consoles API hands out, <c>/console/servers/{id}/{protocol}?token=...</c>: no signed-in
/// session, the console token is the credential (as with Nova's serial and noVNC proxies), checked on the page and
/// again on its websocket. Every protocol shows the serial view of the console log: this control plane has no
/// framebuffer to show for vnc, spice, mks or rdp.
/// </summary>
internal static class TokenConsoleEndpoints
{
    /// <summary>The console types (Nova's <c>console_type</c>) a URL of each protocol may carry a token for.</summary>
    private static readonly Dictionary<string, string[]> TypesOfProtocol = new(StringComparer.Ordinal)
    {
        ["serial"] = ["serial"], ["vnc"] = ["novnc", "xvpvnc"], ["spice"] = ["spice-html5"], ["mks"] = ["webmks"], ["rdp"] = ["rdp-html5"],
    };

    public static void Map(RouteGroupBuilder group)
    {
        // One literal route a protocol, so that they never shadow the console's other server routes.
        foreach (var protocol in TypesOfProtocol.Keys)
        {
            Func<HttpContext, Task<IResult>> show = context => ShowAsync(context, protocol);
            group.MapGet($"/servers/{{id}}/{protocol}", show);
            group.Map($"/servers/{{id}}/{protocol}/socket", (HttpContext context) => StreamAsync(context, protocol));
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string protocol)
    {
        var authorization = await AuthorizeAsync(context, protocol);
        if (authorization is null)
        {
            return Refused(401, "Not authorized", "The console token is invalid, has expired, or is for another console.");
        }

        var name = await context.RequestServices.GetRequiredService<TokenConsoleReader>().NameAsync(authorization);
        if (name is null)
        {
            return Refused(404, "Not found", $"Instance {authorization.InstanceUuid} could not be found.");
        }

        var id = authorization.InstanceUuid.ToString();
        var token = Page.Query(context, "token") ?? "";
        return Page.Render<SerialConsolePage>(new
        {
            User = (Session.ConsoleUser?)null, ServerId = id, ServerName = name,
            Socket = $"/console/servers/{id}/{protocol}/socket?token={Uri.EscapeDataString(token)}",
            Note = protocol == "serial"
                ? null
                : $"This control plane has no framebuffer: the {protocol} console shows the server's console log.",
        });
    }

    private static async Task StreamAsync(HttpContext context, string protocol)
    {
        var authorization = await AuthorizeAsync(context, protocol);
        if (authorization is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var reader = context.RequestServices.GetRequiredService<TokenConsoleReader>();
        await ConsoleLogSocket.StreamAsync(context, _ => reader.ReadAsync(authorization));
    }

    /// <summary>The token's authorization when it is known, unexpired, for this server and for this protocol.</summary>
    private static async Task<ConsoleAuthorization?> AuthorizeAsync(HttpContext context, string protocol)
    {
        var token = Page.Query(context, "token");
        if (string.IsNullOrEmpty(token) || !Guid.TryParse(Page.RouteId(context), out var id))
        {
            return null;
        }

        var services = context.RequestServices;
        var found = await services.GetRequiredService<IConsoleTokenValidator>().ValidateAsync(token);
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        return found is not null && found.InstanceUuid == id && found.ExpiresAt > now && TypesOfProtocol[protocol].Contains(found.ConsoleType)
            ? found
            : null;
    }

    private static IResult Refused(int status, string title, string message) =>
        Page.Render<MessagePage>(new { User = (Session.ConsoleUser?)null, Title = title, Message = message }, status);
}
