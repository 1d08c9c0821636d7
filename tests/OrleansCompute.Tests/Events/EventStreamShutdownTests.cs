using System.Diagnostics;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Events;

/// <summary>An admin's open event stream ends when the host stops, instead of holding the shutdown for its timeout.</summary>
public sealed class EventStreamShutdownTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = new HostProcess(_directory.Path);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_host_with_an_open_event_stream_stops_promptly_and_ends_the_stream()
    {
        using var admin = _host.CreateClient("admin:admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var events = await ServerSentEvents.OpenAsync(admin, "/v2.1/os-events");

        var stopping = Stopwatch.StartNew();
        await _host.StopAsync();
        stopping.Stop();

        // ASP.NET's shutdown timeout is 30 s: a stream that held the shutdown would take that long.
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        // What is left is the blank line closing the ": subscribed" comment, then the end of the stream.
        (await events.ReadLineAsync(TimeSpan.FromSeconds(5))).Should().BeEmpty();
        (await events.ReadLineAsync(TimeSpan.FromSeconds(5))).Should().BeNull("the server ended the stream");
    }
}
