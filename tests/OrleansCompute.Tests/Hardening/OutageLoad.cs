using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Well-formed client load while the database goes away and comes back: creates, reads, lists and metadata writes
/// from a few workers, over and over. It keeps what was acknowledged (202 creates, 200 metadata writes), every
/// answer that was neither a success nor a 503 with Retry-After, and the slowest answer; then checks that every
/// acknowledged write is still there.
/// </summary>
internal sealed class OutageLoad : IAsyncDisposable
{
    private const int Workers = 4;
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyList<NovaClient> _nodes;
    private readonly IReadOnlyList<Guid> _existing;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _slowestTicks;
    private int _succeeded;

    private OutageLoad(IReadOnlyList<NovaClient> nodes, IReadOnlyList<Guid> existing)
    {
        _nodes = nodes;
        _existing = existing;
    }

    public ConcurrentBag<Guid> AcknowledgedCreates { get; } = [];

    public ConcurrentDictionary<string, Guid> AcknowledgedMetadata { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<string> Unavailable { get; } = [];

    public ConcurrentBag<string> Failures { get; } = [];

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public int Succeeded => Volatile.Read(ref _succeeded);

    /// <summary>Starts the workers against <paramref name="nodes"/> (round robin), touching <paramref name="existing"/> servers.</summary>
    public static OutageLoad Start(IReadOnlyList<NovaClient> nodes, IReadOnlyList<Guid> existing)
    {
        var load = new OutageLoad(nodes, existing);
        for (var worker = 0; worker < Workers; worker++)
        {
            var index = worker;
            load._workers.Add(Task.Run(() => load.RunAsync(index)));
        }

        return load;
    }

    /// <summary>Waits until <paramref name="count"/> more requests than now have succeeded (the load is served).</summary>
    public Task WaitForSuccessesAsync(int count, TimeSpan timeout, string because)
    {
        var target = Succeeded + count;
        return Eventually.Until(() => Task.FromResult(Succeeded), done => done >= target, timeout, because);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    /// <summary>Every acknowledged create is one listed server that ends ACTIVE, and every acknowledged metadata key is on its server.</summary>
    public async Task AssertNothingAcknowledgedLostAsync(NovaClient node, TimeSpan timeout)
    {
        Dictionary<Guid, string> listed = [];
        try
        {
            await Eventually.Until(
                async () => listed = await ListAsync(node),
                current => AcknowledgedCreates.All(id => current.TryGetValue(id, out var status) && status == "ACTIVE"),
                timeout,
                because: "every acknowledged create is listed and ends ACTIVE");
        }
        catch (TimeoutException)
        {
            var missing = new List<string>();
            foreach (var id in AcknowledgedCreates.Where(id => !listed.TryGetValue(id, out var status) || status != "ACTIVE"))
            {
                var read = await node.GetAsync($"/v2.1/servers/{id}");
                missing.Add($"{id}: listed {listed.GetValueOrDefault(id) ?? "no"}, read {(int)read.Status} {read.Body[..Math.Min(300, read.Body.Length)]}");
            }

            throw new TimeoutException("Acknowledged creates not ACTIVE:\n" + string.Join("\n", missing));
        }

        var everything = (await node.GetAsync("/v2.1/servers?limit=1000")).Json["servers"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())).ToList();
        everything.Should().OnlyHaveUniqueItems();
        foreach (var (key, id) in AcknowledgedMetadata)
        {
            var read = await node.GetAsync($"/v2.1/servers/{id}/metadata/{key}");
            read.Status.Should().Be(HttpStatusCode.OK, $"metadata {key} was acknowledged on {id}: {read.Body}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private static async Task<Dictionary<Guid, string>> ListAsync(NovaClient node)
    {
        var response = await node.GetAsync("/v2.1/servers/detail?limit=1000");
        return response.Status != HttpStatusCode.OK
            ? []
            : response.Json["servers"]!.AsArray().ToDictionary(s => Guid.Parse(s!["id"]!.GetValue<string>()), s => s!["status"]!.GetValue<string>());
    }

    private async Task RunAsync(int worker)
    {
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            var node = _nodes[(worker + round) % _nodes.Count];
            var server = _existing[(worker + round) % _existing.Count];
            var key = $"w{worker}r{round}";
            switch (round % 4)
            {
                case 0:
                    await SendAsync($"create {key}", () => node.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "{{{key}}}", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}"""), HttpStatusCode.Accepted,
                        response => AcknowledgedCreates.Add(Guid.Parse(response.Json["server"]!["id"]!.GetValue<string>())));
                    break;
                case 1:
                    await SendAsync($"metadata {key}", () => node.PostAsync($"/v2.1/servers/{server}/metadata", $$$"""{"metadata": {"{{{key}}}": "v"}}"""), HttpStatusCode.OK,
                        _ => AcknowledgedMetadata[key] = server);
                    break;
                case 2:
                    await SendAsync($"read {server}", () => node.GetAsync($"/v2.1/servers/{server}"), HttpStatusCode.OK, _ => { });
                    break;
                default:
                    await SendAsync("list", () => node.GetAsync("/v2.1/servers/detail?limit=50"), HttpStatusCode.OK, _ => { });
                    break;
            }
        }
    }

    private async Task SendAsync(string what, Func<Task<NovaResponse>> send, HttpStatusCode success, Action<NovaResponse> acknowledged)
    {
        var started = Stopwatch.GetTimestamp();
        NovaResponse response;
        try
        {
            response = await send();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Failures.Add($"{what}: no answer after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({exception.GetType().Name})");
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        InterlockedMax(ref _slowestTicks, elapsed.Ticks);
        if (elapsed > AnswerBound)
        {
            Failures.Add($"{what}: answered after {elapsed.TotalSeconds:F1} s");
        }

        if (response.Status == success)
        {
            acknowledged(response);
            Interlocked.Increment(ref _succeeded);
        }
        else if (response.Status == HttpStatusCode.ServiceUnavailable && response.Header("Retry-After") is { Length: > 0 } retryAfter)
        {
            Unavailable.Add($"{what}: Retry-After {retryAfter}");
        }
        else
        {
            Failures.Add($"{what}: {(int)response.Status} {response.Body}");
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
