namespace OrleansCompute.Hosting;

/// <summary>The hosting modes <see cref="ComputeOptions.Mode"/> accepts.</summary>
public static class ComputeModes
{
    /// <summary>A single silo with its state, reminders and server index in one SQLite file.</summary>
    public const string Embedded = "embedded";
}
