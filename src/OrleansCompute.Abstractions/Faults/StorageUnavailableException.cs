namespace OrleansCompute.Faults;

/// <summary>
/// The database could not take or serve a request just now: it is down, restarting, read-only or full. The API
/// answers 503 with Retry-After; nothing that failed this way was acknowledged. Grains throw it in place of the
/// driver's own exception (<see cref="StorageOutage"/>), which Orleans cannot carry between silos.
/// </summary>
[GenerateSerializer, Alias("compute.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The database is out of space (SQLite's SQLITE_FULL, PostgreSQL's disk_full): 507 rather than 503.</summary>
    [Id(0)] public bool Full { get; init; }
}
