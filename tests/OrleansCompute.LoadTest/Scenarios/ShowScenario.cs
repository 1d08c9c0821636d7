namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>GET /servers/{id} over existing servers at each configured concurrency, for the configured time.</summary>
public sealed class ShowScenario : ILoadScenario
{
    public string Name => "show";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var servers = context.Servers;
        if (servers.Count == 0)
        {
            for (var i = 0; i < 100; i++)
            {
                context.Remember(await context.Client.CreateServerAsync($"show-{i}", cancellationToken));
            }

            servers = context.Servers;
        }

        var results = new List<ScenarioResult>();
        foreach (var concurrency in LoadTestOptions.ParseList(context.Options.ShowConcurrency))
        {
            var recorder = new LatencyRecorder();
            await Workers.RunAsync(int.MaxValue, concurrency, context.Duration, async (i, token) =>
            {
                try
                {
                    await recorder.TimeAsync(async () =>
                    {
                        await context.Client.ShowAsync(servers[i % servers.Count], token);
                        return true;
                    });
                }
                catch (HttpRequestException)
                {
                }
            }, cancellationToken);
            results.Add(new ScenarioResult(Name, $"concurrency {concurrency}", recorder.Summarise()));
        }

        return results;
    }
}
