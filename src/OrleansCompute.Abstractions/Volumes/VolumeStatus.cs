namespace OrleansCompute.Volumes;

/// <summary>Cinder's volume statuses this service uses (the <c>status</c> field), and which of them a delete accepts.</summary>
public static class VolumeStatus
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Reserved = "reserved";
    public const string Attaching = "attaching";
    public const string InUse = "in-use";
    public const string Detaching = "detaching";
    public const string Deleting = "deleting";
    public const string Error = "error";
    public const string ErrorDeleting = "error_deleting";
    public const string Extending = "extending";
    public const string ErrorExtending = "error_extending";
    public const string Maintenance = "maintenance";
    public const string Downloading = "downloading";

    /// <summary>Every status an admin may set with <c>os-reset_status</c> (Cinder refuses <c>deleting</c>).</summary>
    public static readonly IReadOnlySet<string> Resettable = new HashSet<string>(StringComparer.Ordinal)
    {
        Creating, Available, Reserved, Attaching, InUse, Detaching, Error, ErrorDeleting, Extending, ErrorExtending, Maintenance,
        "backing-up", "restoring-backup", "error_backing-up", "error_restoring", "downloading", "uploading", "retyping",
        "awaiting-transfer",
    };

    /// <summary>The statuses a (non-forced) delete accepts, as Cinder's volume API lists them.</summary>
    public static readonly IReadOnlySet<string> Deletable = new HashSet<string>(StringComparer.Ordinal)
    {
        Available, Error, "error_restoring", ErrorExtending, "error_managing",
    };
}
