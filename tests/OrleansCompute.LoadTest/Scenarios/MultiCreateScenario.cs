namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>One request for many servers (min_count = max_count), timed until every member is ACTIVE.</summary>
public sealed class MultiCreateScenario : ILoadScenario
{
    public string Name => "multi-create";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.MultiCreateCount;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string reservation;
        try
        {
            reservation = await context.Client.CreateManyAsync("multi", count, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return [new ScenarioResult(Name, $"{count} servers", null, "multi-create not available: " + exception.Message)];
        }

        var accepted = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(60, context.Options.DurationSeconds * 6));
        var active = 0;
        while (DateTime.UtcNow < deadline)
        {
            var page = await context.Client.ListDetailAsync($"?reservation_id={reservation}&limit=1000", cancellationToken);
            var servers = page["servers"]!.AsArray();
            active = servers.Count(s => s!["status"]!.GetValue<string>() == "ACTIVE");
            if (active >= count)
            {
                foreach (var server in servers)
                {
                    context.Remember(server!["id"]!.GetValue<string>());
                }

                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        var recorder = new LatencyRecorder();
        recorder.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return [new ScenarioResult(Name, $"{count} servers", recorder.Summarise(), $"202 after {accepted.TotalMilliseconds:F1} ms; {active}/{count} ACTIVE")];
    }
}
