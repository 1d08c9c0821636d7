using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using OrleansCompute.LoadTest;
using OrleansCompute.LoadTest.Scenarios;

// Usage: dotnet run --project tests/OrleansCompute.LoadTest -c Release -- --BaseUrl http://127.0.0.1:8774/v2.1
//        --Token bench:bench --Scenarios create,show --Concurrency 16 --Count 2000 --DurationSeconds 10
var options = new ConfigurationBuilder().AddCommandLine(args).Build().Get<LoadTestOptions>() ?? new LoadTestOptions();
var scenarios = ScenarioCatalog.Select(options.Scenarios);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Add("X-Auth-Token", options.Token);
http.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute " + options.Microversion);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var context = new LoadContext(new ComputeApiClient(http, options), options);
var startedAt = DateTimeOffset.UtcNow;
var results = new List<ScenarioResult>();
foreach (var scenario in scenarios)
{
    Console.Error.WriteLine($"running {scenario.Name} ...");
    results.AddRange(await scenario.RunAsync(context, stop.Token));
}

var (resident, peak) = HostMemory.Read(options.HostPid);
var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
var report = new LoadTestReport(startedAt, machine, options, results, resident, peak);
await report.WriteAsync(options.Output);
Console.WriteLine(report.ToTable());

// A scenario with more than 1 % failed requests measured errors, not the system: the run fails, naming it.
foreach (var failed in report.Failures)
{
    Console.Error.WriteLine($"FAILED: {failed.Scenario} ({failed.Variant}): {failed.Latency!.Errors} of {failed.Latency.Count + failed.Latency.Errors} requests failed; first error: {failed.Latency.FirstError}");
}

return report.Failures.Count == 0 ? 0 : 1;
