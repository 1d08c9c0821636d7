using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The serial console: a terminal-looking page, and a websocket that sends the server's console log as it grows
/// (the text new since the last message; a form feed first when the log was replaced, as after a rebuild). The log
/// comes from the public API (<c>os-getConsoleOutput</c>) with the user's token, asked every
/// <see cref="ConsoleOptions.SerialConsoleInterval"/>.
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
        return response.Ok
            ? Page.Render<SerialConsolePage>(new { User = user, ServerId = Json.Text(response.Body?["server"], "id"), ServerName = Json.Text(response.Body?["server"], "name") })
            : Page.Refused(context, user, response);
    }

    private static async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var services = context.RequestServices;
        var user = await services.GetRequiredService<SessionValidator>().CurrentAsync(context);
        if (user is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var api = services.GetRequiredService<ComputeApiClient>();
        var interval = services.GetRequiredService<ConsoleOptions>().SerialConsoleInterval;
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var path = "/v2.1/servers/" + Uri.EscapeDataString(Page.RouteId(context)) + "/action";
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        // The browser sends nothing; reading notices when it closes.
        var closed = WaitForCloseAsync(socket, ended);
        var sent = "";
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var response = await api.PostAsync(path, user.Token, new JsonObject { ["os-getConsoleOutput"] = new JsonObject() }, cancellationToken: ended.Token);
                if ((int)response.Status is 404 or 401 or 403)
                {
                    await SendAsync(socket, $"\r\n[{response.Fault}]\r\n", ended.Token);
                    break;
                }

                // 409 while the server is not ready yet (building, no host): nothing to show yet.
                var log = response.Ok ? Json.Text(response.Body, "output") : sent;
                var next = log.StartsWith(sent, StringComparison.Ordinal) ? log[sent.Length..] : "\f" + log;
                if (next.Length > 0)
                {
                    await SendAsync(socket, next, ended.Token);
                    sent = log;
                }
            }
            while (await timer.WaitForNextTickAsync(ended.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            return;
        }

        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "server gone", CancellationToken.None);
        }

        await closed;
    }

    private static Task SendAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task WaitForCloseAsync(WebSocket socket, CancellationTokenSource ended)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, ended.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            return;
        }

        await ended.CancelAsync();
    }
}
