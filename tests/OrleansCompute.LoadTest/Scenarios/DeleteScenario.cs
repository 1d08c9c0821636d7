namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>DELETE /servers/{id} until the server is gone (404), over the servers the run created.</summary>
public sealed class DeleteScenario : ILoadScenario
{
    public string Name => "delete";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var servers = context.Servers.Take(Math.Min(context.Options.Count, 500)).ToArray();
        var recorder = new LatencyRecorder();
        await Workers.RunAsync(servers.Length, context.Options.Concurrency, context.Duration * 3, async (i, token) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await context.Client.DeleteAsync(servers[i], token);
                if (await context.Client.WaitForAsync(servers[i], "gone", TimeSpan.FromSeconds(30), token))
                {
                    recorder.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                    context.Forget(servers[i]);
                }
                else
                {
                    recorder.RecordError($"server {servers[i]} not gone within 30 s");
                }
            }
            catch (HttpRequestException exception)
            {
                recorder.RecordError(exception.Message);
            }
        }, cancellationToken);
        return [new ScenarioResult(Name, "delete to gone", recorder.Summarise())];
    }
}
