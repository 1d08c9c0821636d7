using System.Text.Json.Nodes;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.WebConsole.Lifecycle;

/// <summary>
/// An action the console offers as a button: its form value, its label, the lifecycle row that decides when it is
/// allowed, whether it needs a confirmation, and the Nova request body (null for <c>DELETE /servers/{id}</c>).
/// </summary>
public sealed record ConsoleAction(string Name, string Label, ServerActionKind Kind, bool Destructive, JsonNode? Body)
{
    private static JsonObject Named(string action, JsonNode? argument = null) => new() { [action] = argument };

    /// <summary>The buttons, in the order they are shown.</summary>
    public static IReadOnlyList<ConsoleAction> All { get; } =
    [
        new("start", "Start", ServerActionKind.Start, false, Named("os-start")),
        new("stop", "Stop", ServerActionKind.Stop, false, Named("os-stop")),
        new("reboot", "Reboot", ServerActionKind.Reboot, false, Named("reboot", new JsonObject { ["type"] = "SOFT" })),
        new("reboot-hard", "Hard reboot", ServerActionKind.RebootHard, true, Named("reboot", new JsonObject { ["type"] = "HARD" })),
        new("pause", "Pause", ServerActionKind.Pause, false, Named("pause")),
        new("unpause", "Unpause", ServerActionKind.Unpause, false, Named("unpause")),
        new("suspend", "Suspend", ServerActionKind.Suspend, false, Named("suspend")),
        new("resume", "Resume", ServerActionKind.Resume, false, Named("resume")),
        new("shelve", "Shelve", ServerActionKind.Shelve, false, Named("shelve")),
        new("shelve-offload", "Shelve offload", ServerActionKind.ShelveOffload, false, Named("shelveOffload")),
        new("unshelve", "Unshelve", ServerActionKind.Unshelve, false, Named("unshelve")),
        new("rescue", "Rescue", ServerActionKind.Rescue, false, Named("rescue", new JsonObject())),
        new("unrescue", "Unrescue", ServerActionKind.Unrescue, false, Named("unrescue")),
        new("confirm-resize", "Confirm resize", ServerActionKind.ConfirmResize, false, Named("confirmResize")),
        new("revert-resize", "Revert resize", ServerActionKind.RevertResize, false, Named("revertResize")),
        new("lock", "Lock", ServerActionKind.Lock, false, Named("lock")),
        new("unlock", "Unlock", ServerActionKind.Unlock, false, Named("unlock")),
        new("restore", "Restore", ServerActionKind.Restore, false, Named("restore")),
        new("force-delete", "Force delete", ServerActionKind.ForceDelete, true, Named("forceDelete")),
        new("delete", "Delete", ServerActionKind.Delete, true, null),
    ];

    public static ConsoleAction? Find(string? name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
