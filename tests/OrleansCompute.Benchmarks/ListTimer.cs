using System.Diagnostics;
using System.Net;

namespace OrleansCompute.Benchmarks;

/// <summary>One timed list request: the whole HTTP round trip, body read; returns how many servers it listed.</summary>
internal static class ListTimer
{
    /// <summary>Warm-up requests, then the timed ones; returns the page size and the sorted samples (ms).</summary>
    public static async Task<(int Items, List<double> Samples)> MeasureAsync(HttpClient http, string token, string path, int warmups, int requests)
    {
        var items = 0;
        for (var i = 0; i < warmups; i++)
        {
            items = await TimeAsync(http, token, path, null);
        }

        var samples = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            await TimeAsync(http, token, path, samples);
        }

        samples.Sort();
        return (items, samples);
    }

    public static async Task<int> TimeAsync(HttpClient http, string token, string path, List<double>? samples)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-Token", token);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }

        samples?.Add(clock.Elapsed.TotalMilliseconds);
        using var document = System.Text.Json.JsonDocument.Parse(body);
        return document.RootElement.GetProperty("servers").GetArrayLength();
    }
}
