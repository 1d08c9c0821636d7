namespace OrleansCompute.Servers;

/// <summary>Nova's vm_state values, spelled exactly as Nova shows them in <c>OS-EXT-STS:vm_state</c>.</summary>
public static class VmState
{
    public const string Active = "active";
    public const string Building = "building";
    public const string Paused = "paused";
    public const string Suspended = "suspended";
    public const string Stopped = "stopped";
    public const string Rescued = "rescued";
    public const string Resized = "resized";
    public const string SoftDeleted = "soft-delete";
    public const string Deleted = "deleted";
    public const string Error = "error";
    public const string Shelved = "shelved";
    public const string ShelvedOffloaded = "shelved_offloaded";
}
