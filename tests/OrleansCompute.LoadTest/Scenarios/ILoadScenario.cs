namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>One measured scenario; it may report several variants (e.g. per concurrency level).</summary>
public interface ILoadScenario
{
    string Name { get; }

    Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken);
}
