namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>
/// GET /servers/detail?limit=1000 with the store seeded up to each configured size (seeding is not timed):
/// shows how the cost of a full page grows with the number of servers.
/// </summary>
public sealed class ListDetailScenario : ILoadScenario
{
    public string Name => "list-detail";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var results = new List<ScenarioResult>();
        var seeded = context.Servers.Count;
        var seeding = new LatencyRecorder();
        foreach (var size in LoadTestOptions.ParseList(context.Options.ListSizes))
        {
            var missing = size - seeded;
            if (missing > 0)
            {
                // Seeding is bounded by its own generous deadline: about 60 s per 10k servers.
                var seedTime = TimeSpan.FromSeconds(Math.Max(60, missing / 150.0));
                var created = await Workers.RunAsync(missing, 64, seedTime, async (i, token) =>
                {
                    try
                    {
                        context.Remember(await seeding.TimeAsync(() => context.Client.CreateServerAsync($"seed-{seeded + i}", token)));
                    }
                    catch (HttpRequestException)
                    {
                        // Counted by the seeding recorder: a failed seed is reported (and fails the run).
                    }
                }, cancellationToken);
                seeded += created;
            }

            var recorder = new LatencyRecorder();
            var returned = 0;
            await Workers.RunAsync(context.Options.ListRequests, 1, context.Duration * 3, async (_, token) =>
            {
                var page = await recorder.TimeAsync(() => context.Client.ListDetailAsync("?limit=1000", token));
                returned = page["servers"]!.AsArray().Count;
            }, cancellationToken);
            results.Add(new ScenarioResult(Name, $"{seeded} servers, limit 1000", recorder.Summarise(), $"{returned} per page"));
        }

        if (seeding.Errors > 0)
        {
            results.Add(new ScenarioResult(Name, "seeding (not timed)", seeding.Summarise()));
        }

        return results;
    }
}
