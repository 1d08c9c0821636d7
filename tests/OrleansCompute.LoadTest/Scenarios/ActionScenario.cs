using System.Net;

namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>One action round trip: os-stop until SHUTOFF, then os-start until ACTIVE.</summary>
public sealed class ActionScenario : ILoadScenario
{
    public string Name => "action";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = await context.Client.CreateServerAsync($"action-{i}", cancellationToken);
            context.Remember(id);
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            await context.Client.WaitForAsync(id, "ACTIVE", TimeSpan.FromSeconds(30), cancellationToken);
        }

        var unsupported = false;
        await Workers.RunAsync(ids.Count, 4, context.Duration, async (i, token) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var stop = await context.Client.ActionAsync(ids[i], "os-stop", token);
            if (stop == HttpStatusCode.NotFound || stop == HttpStatusCode.BadRequest)
            {
                unsupported = true;
                return;
            }

            var ok = await context.Client.WaitForAsync(ids[i], "SHUTOFF", TimeSpan.FromSeconds(30), token)
                && await context.Client.ActionAsync(ids[i], "os-start", token) == HttpStatusCode.Accepted
                && await context.Client.WaitForAsync(ids[i], "ACTIVE", TimeSpan.FromSeconds(30), token);
            if (ok)
            {
                recorder.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            else
            {
                recorder.RecordError();
            }
        }, cancellationToken);
        return [new ScenarioResult(Name, "stop + start", unsupported ? null : recorder.Summarise(), unsupported ? "actions not available on this endpoint" : null)];
    }
}
