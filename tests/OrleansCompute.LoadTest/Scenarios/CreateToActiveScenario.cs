namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>Time from POST /servers to the server first shown ACTIVE (polled every few milliseconds).</summary>
public sealed class CreateToActiveScenario : ILoadScenario
{
    public string Name => "create-to-active";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var count = Math.Min(context.Options.Count, 200);
        await Workers.RunAsync(count, 4, context.Duration, async (i, token) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var id = await context.Client.CreateServerAsync($"active-{i}", token);
                context.Remember(id);
                if (await context.Client.WaitForAsync(id, "ACTIVE", TimeSpan.FromSeconds(30), token))
                {
                    recorder.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
                else
                {
                    recorder.RecordError();
                }
            }
            catch (HttpRequestException)
            {
                recorder.RecordError();
            }
        }, cancellationToken);
        return [new ScenarioResult(Name, "concurrency 4", recorder.Summarise())];
    }
}
