namespace OrleansCompute.Api.Images;

/// <summary>
/// How Nova's image proxy shows a Glance status: queued and saving are SAVING (progress 25 and 50), active is ACTIVE
/// (100), and what it has no name for (uploading, importing, deactivated) is UNKNOWN (progress 0).
/// </summary>
internal static class NovaImageStatus
{
    public static string Status(string glanceStatus) => glanceStatus.ToUpperInvariant() switch
    {
        "ACTIVE" => "ACTIVE",
        "QUEUED" or "SAVING" => "SAVING",
        "DELETED" or "PENDING_DELETE" => "DELETED",
        "KILLED" => "ERROR",
        _ => "UNKNOWN",
    };

    public static int Progress(string glanceStatus) => glanceStatus.ToUpperInvariant() switch
    {
        "QUEUED" => 25,
        "SAVING" => 50,
        "ACTIVE" => 100,
        _ => 0,
    };
}
