namespace OrleansCompute.LoadTest;

/// <summary>One measured line of the results table.</summary>
public sealed record ScenarioResult(string Scenario, string Variant, LatencySummary? Latency, string? Note = null)
{
    public bool Failed => Latency is { Failed: true };

    /// <summary>What the table says about errors: "ok", "n errors" under the threshold, or FAILED with the first error.</summary>
    public string Status => Latency switch
    {
        null or { Errors: 0 } => "ok",
        { Failed: true } l => $"FAILED {l.ErrorRate:P1}: {l.FirstError ?? "(no message)"}",
        var l => $"{l.Errors} errors ({l.ErrorRate:P1})",
    };
}
