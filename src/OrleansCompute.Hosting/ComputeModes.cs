namespace OrleansCompute.Hosting;

/// <summary>The hosting modes <see cref="ComputeOptions.Mode"/> accepts.</summary>
public static class ComputeModes
{
    /// <summary>A single silo with its state, reminders and server index in one SQLite file.</summary>
    public const string Embedded = "embedded";

    /// <summary>
    /// Several silos, each serving the API, sharing one PostgreSQL database (<c>ConnectionStrings:Compute</c>):
    /// ADO.NET clustering, grain storage, reminders and the server index.
    /// </summary>
    public const string Cluster = "cluster";

    /// <summary>Whether <paramref name="mode"/> names cluster mode (any other value, unknown ones included, is not).</summary>
    internal static bool IsCluster(string? mode) => string.Equals(mode, Cluster, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="mode"/> is one of the modes above.</summary>
    internal static bool IsKnown(string? mode) => IsCluster(mode) || string.Equals(mode, Embedded, StringComparison.OrdinalIgnoreCase);
}
