namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>POST /servers at the configured concurrency: latency percentiles and the sustained rate.</summary>
public sealed class CreateScenario : ILoadScenario
{
    public string Name => "create";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        await Workers.RunAsync(context.Options.Count, context.Options.Concurrency, context.Duration, async (i, token) =>
        {
            try
            {
                context.Remember(await recorder.TimeAsync(() => context.Client.CreateServerAsync($"load-{i}", token)));
            }
            catch (HttpRequestException)
            {
                // Counted (with its message) by the recorder.
            }
        }, cancellationToken);
        return [new ScenarioResult(Name, $"concurrency {context.Options.Concurrency}, one project", recorder.Summarise())];
    }
}
