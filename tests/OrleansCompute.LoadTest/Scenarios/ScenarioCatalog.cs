namespace OrleansCompute.LoadTest.Scenarios;

/// <summary>The scenarios by name, in the order a full run takes them.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<ILoadScenario> All { get; } =
    [
        new CreateScenario(),
        new CreateToActiveScenario(),
        new ShowScenario(),
        new ActionScenario(),
        new MultiCreateScenario(),
        new DeleteScenario(),
        new SeedScenario(),
        new ListDetailScenario(),
        new MemoryScenario(),
    ];

    public static IReadOnlyList<ILoadScenario> Select(string names)
    {
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Except(All.Select(s => s.Name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown scenarios: {string.Join(", ", unknown)}. Known: {string.Join(", ", All.Select(s => s.Name))}.");
        }

        return All.Where(s => wanted.Contains(s.Name)).ToArray();
    }
}
