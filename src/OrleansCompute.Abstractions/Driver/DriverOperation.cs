namespace OrleansCompute.Driver;

/// <summary>What the compute driver is asked to do to a machine.</summary>
public enum DriverOperation
{
    Spawn,
    Destroy,
    Reboot,
    RebootHard,
    PowerOff,
    PowerOn,
    Pause,
    Unpause,
    Suspend,
    Resume,
    Rescue,
    Unrescue,
    Rebuild,
    Snapshot,
    Shelve,
    ShelveOffload,
    Unshelve,
    MigrateDisk,
    FinishMigration,
    ConfirmMigration,
    RevertMigration,
    LiveMigrate,
    SetAdminPassword,
    CrashDump,
    SoftDelete,
    Restore,
    Backup,
}
