namespace OrleansCompute.LoadTest;

/// <summary>One measured line of the results table.</summary>
public sealed record ScenarioResult(string Scenario, string Variant, LatencySummary? Latency, string? Note = null);
