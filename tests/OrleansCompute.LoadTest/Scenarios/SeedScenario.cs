namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>
/// Seeding, timed: POST /servers at the seed concurrency until the store holds <see cref="LoadTestOptions.SeedCount"/>
/// servers of this run (the target is 100,000 within 120 s). A later list-detail at that size seeds nothing more.
/// The creates are answered (202) before their servers are built, so it then waits (up to
/// <see cref="LoadTestOptions.SettleSeconds"/>) until no server is left in BUILD, and reports when that was: a host
/// whose builds lag behind its creates accepts faster and leaves the difference for later.
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
        // The rate column stays the creates' answered rate; the rate to built goes into the note.
        var accepted = recorder.Summarise();
        var settled = await SettleAsync(context, TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
        var built = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var note = $"{reached - start} created in {elapsed.TotalSeconds:F1} s; {reached} in the store"
            + (reached < options.SeedCount ? $"; stopped at the {options.SeedSeconds:F0} s bound, short of {options.SeedCount}" : "")
            + (settled
                ? $"; all built (none in BUILD) {(built - elapsed).TotalSeconds:F1} s after the last create: {(reached - start) / built.TotalSeconds:F1} servers/s to built"
                : $"; still building {options.SettleSeconds:F0} s after the last create");
        return [new ScenarioResult(Name, $"to {options.SeedCount} servers, concurrency {options.SeedConcurrency}", accepted, note)];
    }

    /// <summary>Polls until no server of the store is in BUILD; false when the deadline passes first.</summary>
    private static async Task<bool> SettleAsync(LoadContext context, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            var page = await context.Client.ListDetailAsync("?status=BUILD&limit=1", cancellationToken);
            if (page["servers"]?.AsArray().Count == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return false;
    }
}
