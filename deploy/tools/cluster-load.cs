// A small bounded load loop for cluster figures (until the benchmark project brings a real load generator):
//   dotnet run deploy/tools/cluster-load.cs -- <creates> <concurrency> <shows> URL [URL...]
// Creates <creates> servers with <concurrency> workers, round-robin over the URLs, then shows random created
// servers <shows> times with the same concurrency, and prints create throughput and show latency percentiles.
// Any status other than 202/200 counts as an error (503s are counted separately and retried).
using System.Diagnostics;
using System.Net;
using System.Text;

var creates = int.Parse(args[0]);
var concurrency = int.Parse(args[1]);
var shows = int.Parse(args[2]);
var urls = args[3..];
var clients = urls.Select(url => new HttpClient { BaseAddress = new Uri(url), DefaultRequestHeaders = { { "X-Auth-Token", "load:load" } } }).ToArray();
const string Body = """{"server": {"name": "load", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}""";

var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
int errors = 0, unavailable = 0, next = -1;

async Task<HttpResponseMessage> Send(Func<HttpClient, Task<HttpResponseMessage>> call, int i)
{
    while (true)
    {
        var response = await call(clients[i % clients.Length]);
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response;
        Interlocked.Increment(ref unavailable);
        await Task.Delay(200);
    }
}

// Warm-up: a few of each on every node, not measured.
for (var i = 0; i < clients.Length * 5; i++)
{
    using var r = await Send(c => c.PostAsync("/v2.1/servers", new StringContent(Body, Encoding.UTF8, "application/json")), i);
}

var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < creates)
    {
        using var response = await Send(c => c.PostAsync("/v2.1/servers", new StringContent(Body, Encoding.UTF8, "application/json")), i);
        if (response.StatusCode != HttpStatusCode.Accepted) { Interlocked.Increment(ref errors); continue; }
        var json = await response.Content.ReadAsStringAsync();
        var start = json.IndexOf("\"id\":\"", StringComparison.Ordinal) + 6;
        ids.Add(json[start..json.IndexOf('"', start)]);
    }
})));
var createSeconds = total.Elapsed.TotalSeconds;

var known = ids.ToArray();
var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
next = -1;
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
{
    var random = new Random(w);
    int i;
    while ((i = Interlocked.Increment(ref next)) < shows)
    {
        var id = known[random.Next(known.Length)];
        var watch = Stopwatch.StartNew();
        using var response = await Send(c => c.GetAsync($"/v2.1/servers/{id}"), i);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
    }
})));

var sorted = latencies.Order().ToArray();
double P(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
Console.WriteLine($"nodes={urls.Length} creates={creates} concurrency={concurrency} create_per_s={creates / createSeconds:F0} " +
                  $"show_p50_ms={P(0.5):F2} show_p95_ms={P(0.95):F2} show_p99_ms={P(0.99):F2} errors={errors} retried_503={unavailable}");
