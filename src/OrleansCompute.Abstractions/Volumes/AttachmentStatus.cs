namespace OrleansCompute.Volumes;

/// <summary>The status of one attachment record (Cinder's attach_status values that a record goes through).</summary>
public static class AttachmentStatus
{
    public const string Reserved = "reserved";
    public const string Attaching = "attaching";
    public const string Attached = "attached";
    public const string Detached = "detached";
}
