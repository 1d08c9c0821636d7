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
}
