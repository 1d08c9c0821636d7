namespace OrleansCompute.Volumes;

/// <summary>
/// How the fake volume backend behaves (<c>Compute:Volume:FakeBackend</c>): how long each operation takes, and
/// which fail, so that creating, deleting, extending and the error statuses can be observed.
/// </summary>
public sealed class FakeVolumeBackendOptions
{
    public const string SectionName = "Compute:Volume:FakeBackend";

    /// <summary>Seconds a create (blank, or a copy of an image, snapshot or volume) takes.</summary>
    public double CreateSeconds { get; set; } = 0.2;

    /// <summary>Seconds any other operation (delete, extend, snapshot, snapshot delete) takes.</summary>
    public double DefaultSeconds { get; set; } = 0.1;

    /// <summary>Seconds a connection (an attachment's connector, Nova's attach) takes: tests widen the attach window with it.</summary>
    public double ConnectSeconds { get; set; }

    /// <summary>Operations that fail: <c>Create</c>, <c>Delete</c>, <c>Extend</c>, <c>Snapshot</c>, <c>DeleteSnapshot</c>.</summary>
    public List<string> FailOperations { get; set; } = [];

    /// <summary>A volume or snapshot whose name contains this text fails its create (empty: off).</summary>
    public string FailureNameMarker { get; set; } = "";
}
