using OrleansCompute.Driver;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>One action as a client sends it: the body (null for DELETE), who sends it, and the driver work it causes.</summary>
public sealed record ActionCase(string Name, ServerActionKind Kind, string? Body, bool AsAdmin, params DriverOperation[] Operations)
{
    public const string Version = "2.47";

    /// <summary>Every action of the issue, plus createBackup and injectNetworkInfo.</summary>
    public static readonly ActionCase[] All =
    [
        new("reboot SOFT", ServerActionKind.Reboot, """{"reboot": {"type": "SOFT"}}""", false, DriverOperation.Reboot),
        new("reboot HARD", ServerActionKind.RebootHard, """{"reboot": {"type": "HARD"}}""", false, DriverOperation.RebootHard),
        new("os-stop", ServerActionKind.Stop, """{"os-stop": null}""", false, DriverOperation.PowerOff),
        new("os-start", ServerActionKind.Start, """{"os-start": null}""", false, DriverOperation.PowerOn),
        new("pause", ServerActionKind.Pause, """{"pause": null}""", false, DriverOperation.Pause),
        new("unpause", ServerActionKind.Unpause, """{"unpause": null}""", false, DriverOperation.Unpause),
        new("suspend", ServerActionKind.Suspend, """{"suspend": null}""", false, DriverOperation.Suspend),
        new("resume", ServerActionKind.Resume, """{"resume": null}""", false, DriverOperation.Resume),
        new("shelve", ServerActionKind.Shelve, """{"shelve": null}""", false, DriverOperation.Shelve),
        new("shelveOffload", ServerActionKind.ShelveOffload, """{"shelveOffload": null}""", true, DriverOperation.ShelveOffload),
        new("unshelve", ServerActionKind.Unshelve, """{"unshelve": null}""", false, DriverOperation.Unshelve),
        new("rescue", ServerActionKind.Rescue, """{"rescue": {"adminPass": "s3cret"}}""", false, DriverOperation.Rescue),
        new("unrescue", ServerActionKind.Unrescue, """{"unrescue": null}""", false, DriverOperation.Unrescue),
        new("rebuild", ServerActionKind.Rebuild, """{"rebuild": {"imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "name": "rebuilt"}}""", false, DriverOperation.Rebuild),
        new("resize", ServerActionKind.Resize, """{"resize": {"flavorRef": "2"}}""", false, DriverOperation.MigrateDisk, DriverOperation.FinishMigration),
        new("confirmResize", ServerActionKind.ConfirmResize, """{"confirmResize": null}""", false, DriverOperation.ConfirmMigration),
        new("revertResize", ServerActionKind.RevertResize, """{"revertResize": null}""", false, DriverOperation.RevertMigration),
        new("migrate", ServerActionKind.Migrate, """{"migrate": null}""", true, DriverOperation.MigrateDisk, DriverOperation.FinishMigration),
        new("os-migrateLive", ServerActionKind.LiveMigrate, """{"os-migrateLive": {"host": null, "block_migration": "auto"}}""", true, DriverOperation.LiveMigrate),
        new("changePassword", ServerActionKind.ChangePassword, """{"changePassword": {"adminPass": "n3w"}}""", false, DriverOperation.SetAdminPassword),
        new("createImage", ServerActionKind.CreateImage, """{"createImage": {"name": "snap"}}""", false, DriverOperation.Snapshot),
        new("createBackup", ServerActionKind.CreateBackup, """{"createBackup": {"name": "bak", "backup_type": "daily", "rotation": 1}}""", false, DriverOperation.Backup),
        new("trigger_crash_dump", ServerActionKind.TriggerCrashDump, """{"trigger_crash_dump": null}""", false, DriverOperation.CrashDump),
        new("lock", ServerActionKind.Lock, """{"lock": null}""", false),
        new("unlock", ServerActionKind.Unlock, """{"unlock": null}""", false),
        new("os-resetState", ServerActionKind.ResetState, """{"os-resetState": {"state": "error"}}""", true),
        new("injectNetworkInfo", ServerActionKind.InjectNetworkInfo, """{"injectNetworkInfo": null}""", true),
        new("addSecurityGroup", ServerActionKind.AddSecurityGroup, """{"addSecurityGroup": {"name": "web"}}""", false),
        new("removeSecurityGroup", ServerActionKind.RemoveSecurityGroup, """{"removeSecurityGroup": {"name": "default"}}""", false),
        new("restore", ServerActionKind.Restore, """{"restore": null}""", false, DriverOperation.Restore),
        new("forceDelete", ServerActionKind.ForceDelete, """{"forceDelete": null}""", false, DriverOperation.Destroy),
        new("DELETE", ServerActionKind.Delete, null, false, DriverOperation.Destroy, DriverOperation.SoftDelete),
        new("os-getConsoleOutput", ServerActionKind.InjectNetworkInfo, """{"os-getConsoleOutput": {"length": 3}}""", false),
    ];

    public bool IsConsole => Name == "os-getConsoleOutput";

    /// <summary>Carried out at once, without changing the status: safe to try on a shared server.</summary>
    public bool IsSynchronousAndHarmless => Operations.Length == 0 && Kind != ServerActionKind.ResetState;

    public override string ToString() => Name;
}
