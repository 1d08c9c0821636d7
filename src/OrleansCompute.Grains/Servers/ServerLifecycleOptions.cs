namespace OrleansCompute.Servers;

/// <summary>
/// Nova's lifecycle options, read from the <c>Compute</c> section under Nova's names (seconds):
/// <c>Compute:ReclaimInstanceInterval</c>, <c>Compute:ShelvedOffloadTime</c>, <c>Compute:ResizeConfirmWindow</c>.
/// </summary>
public sealed class ServerLifecycleOptions
{
    public const string SectionName = "Compute";

    /// <summary>Nova's <c>reclaim_instance_interval</c>: above 0, DELETE soft-deletes and the server is reclaimed after this many seconds.</summary>
    public int ReclaimInstanceInterval { get; set; }

    /// <summary>Nova's <c>shelved_offload_time</c>: 0 offloads at once, -1 never, N after N seconds.</summary>
    public int ShelvedOffloadTime { get; set; }

    /// <summary>Nova's <c>resize_confirm_window</c>: above 0, a resize is confirmed automatically after this many seconds.</summary>
    public int ResizeConfirmWindow { get; set; }

    /// <summary>How many entries of the action log a server keeps (oldest dropped first).</summary>
    public int MaxActionLogEntries { get; set; } = 100;
}
