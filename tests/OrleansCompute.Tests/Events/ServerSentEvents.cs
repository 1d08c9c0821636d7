using System.Net;
using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Events;

/// <summary>A reader of the admin event stream (<c>text/event-stream</c>): one (event type, server id) per frame.</summary>
internal sealed class ServerSentEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly List<(string Type, string ServerId)> _received = [];

    private ServerSentEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Opens the stream and waits for its first line, so that the subscription exists when this returns.</summary>
    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).Should().Be(": subscribed");
        return new ServerSentEvents(response, reader);
    }

    /// <summary>Reads frames until <paramref name="done"/> holds for what arrived; fails at the deadline.</summary>
    public async Task<IReadOnlyList<(string Type, string ServerId)>> ReadUntilAsync(Func<IReadOnlyList<(string Type, string ServerId)>, bool> done, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? type = null;
        while (!done(_received))
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("The event stream ended.");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonNode.Parse(line["data: ".Length..])!;
                data["event_type"]!.GetValue<string>().Should().Be(type);
                _received.Add((type!, data["payload"]!["nova_object.data"]!["uuid"]!.GetValue<string>()));
            }
        }

        return _received;
    }

    /// <summary>The next raw line, or null once the server has ended the stream.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await _reader.ReadLineAsync(deadline.Token);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
