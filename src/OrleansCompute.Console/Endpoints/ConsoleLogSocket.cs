using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The serial console's websocket, whoever it reads the log as: it sends the console log as it grows (the text new
/// since the last message; a form feed first when the log was replaced, as after a rebuild), reading it every
/// <see cref="ConsoleOptions.SerialConsoleInterval"/>, until the browser leaves or the server is gone.
/// </summary>
internal static class ConsoleLogSocket
{
    /// <summary>Call after the caller was checked; answers 400 to a request that is not a websocket.</summary>
    public static async Task StreamAsync(HttpContext context, Func<CancellationToken, Task<ConsoleLogRead>> read)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var services = context.RequestServices;
        var interval = services.GetRequiredService<ConsoleOptions>().SerialConsoleInterval;
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
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
                var next = await read(ended.Token);
                if (next.Ended is not null)
                {
                    await SendAsync(socket, $"\r\n[{next.Ended}]\r\n", ended.Token);
                    break;
                }

                var log = next.Output ?? sent;
                var text = log.StartsWith(sent, StringComparison.Ordinal) ? log[sent.Length..] : "\f" + log;
                if (text.Length > 0)
                {
                    await SendAsync(socket, text, ended.Token);
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
