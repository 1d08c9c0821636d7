namespace OrleansCompute.Servers;

/// <summary>The API status values Nova derives from (vm_state, task_state).</summary>
public static class ServerStatus
{
    public const string Active = "ACTIVE";
    public const string Build = "BUILD";
    public const string Deleted = "DELETED";
    public const string Error = "ERROR";
    public const string HardReboot = "HARD_REBOOT";
    public const string Migrating = "MIGRATING";
    public const string Password = "PASSWORD";
    public const string Paused = "PAUSED";
    public const string Reboot = "REBOOT";
    public const string Rebuild = "REBUILD";
    public const string Rescue = "RESCUE";
    public const string Resize = "RESIZE";
    public const string RevertResize = "REVERT_RESIZE";
    public const string Shelved = "SHELVED";
    public const string ShelvedOffloaded = "SHELVED_OFFLOADED";
    public const string Shutoff = "SHUTOFF";
    public const string SoftDeleted = "SOFT_DELETED";
    public const string Suspended = "SUSPENDED";
    public const string Unknown = "UNKNOWN";
    public const string VerifyResize = "VERIFY_RESIZE";
}
