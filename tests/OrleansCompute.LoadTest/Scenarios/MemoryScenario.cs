namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>The host's resident memory with the servers of this run in the store (the target: 1 GiB with 100,000).</summary>
public sealed class MemoryScenario : ILoadScenario
{
    public string Name => "memory";

    public Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var (resident, peak) = HostMemory.Read(context.Options.HostPid);
        var note = resident is null
            ? "no host process id given (--HostPid): not measured"
            : $"resident {resident:F0} MiB, peak {peak:F0} MiB";
        return Task.FromResult<IReadOnlyList<ScenarioResult>>([new ScenarioResult(Name, $"{context.Servers.Count} servers in the store", null, note)]);
    }
}
