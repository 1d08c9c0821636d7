namespace OrleansCompute.Driver;

/// <summary>
/// How the fake compute driver behaves (<c>Compute:FakeDriver</c>): how long each operation takes, and which
/// operations fail, so that every transitional status and ERROR can be observed.
/// </summary>
public sealed class FakeDriverOptions
{
    public const string SectionName = "Compute:FakeDriver";

    /// <summary>The server metadata key naming operations to fail (comma separated), with <see cref="MetadataHooks"/>.</summary>
    public const string FailMetadataKey = "fake-driver:fail";

    /// <summary>The server metadata key prefix of per-operation durations (<c>fake-driver:seconds:Reboot</c>), with <see cref="MetadataHooks"/>.</summary>
    public const string SecondsMetadataPrefix = "fake-driver:seconds:";

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

    /// <summary>
    /// Test hook, off by default: when on, a server's own metadata steers the driver for that server only:
    /// <c>fake-driver:fail</c> = "Reboot,PowerOff" fails those operations, <c>fake-driver:seconds:Rebuild</c> = "30"
    /// sets that operation's duration.
    /// </summary>
    public bool MetadataHooks { get; set; }

    /// <summary>Number of progress reports during an operation.</summary>
    public int ProgressSteps { get; set; } = 5;

    /// <summary>The lines the console log of every server ends with (after a generated boot log).</summary>
    public List<string> ConsoleLines { get; set; } = [];

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
