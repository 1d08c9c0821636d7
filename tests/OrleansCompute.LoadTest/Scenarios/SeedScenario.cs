namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>
/// Seeding, timed: POST /servers at the seed concurrency until the store holds <see cref="LoadTestOptions.SeedCount"/>
/// servers of this run (the target is 100,000 within 120 s). A later list-detail at that size seeds nothing more.
/// </summary>
public sealed class SeedScenario : ILoadScenario
{
    public string Name => "seed";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var start = context.Servers.Count;
        var missing = Math.Max(0, options.SeedCount - start);
        var recorder = new LatencyRecorder();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Workers.RunAsync(missing, options.SeedConcurrency, TimeSpan.FromSeconds(options.SeedSeconds), async (i, token) =>
        {
            try
            {
                context.Remember(await recorder.TimeAsync(() => context.Client.CreateServerAsync($"seed-{start + i}", token)));
            }
            catch (HttpRequestException)
            {
                // Counted (with its message) by the recorder.
            }
        }, cancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var reached = context.Servers.Count;
        var note = $"{reached - start} created in {elapsed.TotalSeconds:F1} s; {reached} in the store"
            + (reached < options.SeedCount ? $"; stopped at the {options.SeedSeconds:F0} s bound, short of {options.SeedCount}" : "");
        return [new ScenarioResult(Name, $"to {options.SeedCount} servers, concurrency {options.SeedConcurrency}", recorder.Summarise(), note)];
    }
}
