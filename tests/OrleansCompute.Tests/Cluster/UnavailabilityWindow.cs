using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// How long the surviving silos answer 503 after a silo dies: every server is read through every survivor, pass
/// after pass from the kill on, until one pass answers every read. The window runs from the kill to the end of
/// the last read that failed; each 503's Retry-After is kept, and any other 5xx is a failure.
/// </summary>
internal sealed class UnavailabilityWindow
{
    private readonly ConcurrentBag<TimeSpan> _unavailableUntil = [];

    public ConcurrentBag<string> RetryAfters { get; } = [];

    public ConcurrentBag<string> Failures { get; } = [];

    /// <summary>From the kill to the end of the last 503; zero when none came.</summary>
    public TimeSpan Length => _unavailableUntil.IsEmpty ? TimeSpan.Zero : _unavailableUntil.Max();

    public int Unavailable => _unavailableUntil.Count;

    /// <summary>Reads until a pass is clean or <paramref name="deadline"/> (from the kill) passes.</summary>
    public static async Task<UnavailabilityWindow> MeasureAsync(long killedAt, IReadOnlyList<NovaClient> survivors, IReadOnlyCollection<Guid> servers, TimeSpan deadline)
    {
        var window = new UnavailabilityWindow();
        await Eventually.Until(
            () => window.PassAsync(killedAt, survivors, servers),
            clean => clean,
            deadline - Stopwatch.GetElapsedTime(killedAt),
            because: "every read through a survivor answers once membership has declared the silo dead");
        return window;
    }

    private async Task<bool> PassAsync(long killedAt, IReadOnlyList<NovaClient> survivors, IReadOnlyCollection<Guid> servers)
    {
        var reads = survivors.SelectMany(node => servers.Select(id => ReadAsync(killedAt, node, id)));
        return (await Task.WhenAll(reads)).All(answered => answered);
    }

    private async Task<bool> ReadAsync(long killedAt, NovaClient node, Guid id)
    {
        var response = await node.GetAsync($"/v2.1/servers/{id}");
        if (response.Status == HttpStatusCode.ServiceUnavailable)
        {
            _unavailableUntil.Add(Stopwatch.GetElapsedTime(killedAt));
            RetryAfters.Add(response.Header("Retry-After") ?? "(none)");
            return false;
        }

        if ((int)response.Status >= 500)
        {
            Failures.Add($"GET {id}: {response}");
        }

        return true;
    }
}
