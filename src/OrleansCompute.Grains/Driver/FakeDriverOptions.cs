namespace OrleansCompute.Driver;

/// <summary>
/// How the fake compute driver behaves (<c>Compute:FakeDriver</c>): how long each operation takes, and which
/// operations fail, so that every transitional status and ERROR can be observed.
/// </summary>
public sealed class FakeDriverOptions
{
    public const string SectionName = "Compute:FakeDriver";

    /// <summary>Make every duration zero (benchmarks).</summary>
    public bool Instant { get; set; }

    /// <summary>Seconds a build (spawn) takes.</summary>
    public double SpawnSeconds { get; set; } = 0.5;

    /// <summary>Seconds any other operation takes unless listed in <see cref="OperationSeconds"/>.</summary>
    public double DefaultSeconds { get; set; } = 0.2;

    /// <summary>Per-operation durations in seconds, by <see cref="DriverOperation"/> name.</summary>
    public Dictionary<string, double> OperationSeconds { get; set; } = [];

    /// <summary>
    /// Failure injection for tests and demos: operations (by <see cref="DriverOperation"/> name) that fail.
    /// A server whose name contains <see cref="FailureNameMarker"/> also fails its spawn.
    /// </summary>
    public List<string> FailOperations { get; set; } = [];

    /// <summary>A server whose name contains this text fails to build (empty: off).</summary>
    public string FailureNameMarker { get; set; } = "";

    /// <summary>Number of progress reports during an operation.</summary>
    public int ProgressSteps { get; set; } = 5;

    public TimeSpan DurationOf(DriverOperation operation)
    {
        if (Instant)
        {
            return TimeSpan.Zero;
        }

        var seconds = OperationSeconds.TryGetValue(operation.ToString(), out var configured)
            ? configured
            : operation == DriverOperation.Spawn ? SpawnSeconds : DefaultSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }
}
