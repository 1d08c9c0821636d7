using System.Collections.Frozen;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Actions;
using static OrleansCompute.Api.Servers.Actions.ServerActionParser;
using Kind = OrleansCompute.Servers.Actions.ServerActionKind;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The API's map of <c>POST /servers/{id}/action</c>, one row per body key: parser, policy rule and response. The
/// grain's side of each action is its row in <c>ServerLifecycle</c>; adding an action = a row in each (and at most
/// one handler on each side). The legacy console keys (below 2.6) are reads answered by <see cref="LegacyConsoleReads"/>.
/// </summary>
internal static class ServerActionDescriptors
{
    private static readonly ServerActionDescriptor[] Rows =
    [
        new() { Name = "reboot", Kinds = [Kind.Reboot, Kind.RebootHard], Policy = ComputePolicies.ServersReboot, Parse = b => Reboot(b.Value, b.Caller) },
        new() { Name = "os-stop", Kinds = [Kind.Stop], Policy = ComputePolicies.ServersStop, Parse = b => Simple(b, Kind.Stop) },
        new() { Name = "os-start", Kinds = [Kind.Start], Policy = ComputePolicies.ServersStart, Parse = b => Simple(b, Kind.Start) },
        new() { Name = "pause", Kinds = [Kind.Pause], Policy = ComputePolicies.Pause, Parse = b => Simple(b, Kind.Pause) },
        new() { Name = "unpause", Kinds = [Kind.Unpause], Policy = ComputePolicies.Unpause, Parse = b => Simple(b, Kind.Unpause) },
        new() { Name = "suspend", Kinds = [Kind.Suspend], Policy = ComputePolicies.Suspend, Parse = b => Simple(b, Kind.Suspend) },
        new() { Name = "resume", Kinds = [Kind.Resume], Policy = ComputePolicies.Resume, Parse = b => Simple(b, Kind.Resume) },
        new() { Name = "shelve", Kinds = [Kind.Shelve], Policy = ComputePolicies.Shelve, Parse = b => Simple(b, Kind.Shelve) },
        new() { Name = "shelveOffload", Kinds = [Kind.ShelveOffload], Policy = ComputePolicies.ShelveOffload, Parse = b => Simple(b, Kind.ShelveOffload) },
        new()
        {
            Name = "unshelve", Kinds = [Kind.Unshelve], Policy = ComputePolicies.Unshelve, HostPolicy = ComputePolicies.UnshelveToHost,
            Parse = b => Unshelve(b.Value, b.Version, b.Caller),
        },
        new() { Name = "rescue", Kinds = [Kind.Rescue], Policy = ComputePolicies.Rescue, Parse = b => Rescue(b.Value, b.Version, b.Caller), Respond = ServerActionResponses.Rescue },
        new() { Name = "unrescue", Kinds = [Kind.Unrescue], Policy = ComputePolicies.Unrescue, Parse = b => Simple(b, Kind.Unrescue) },
        new()
        {
            Name = "rebuild", Kinds = [Kind.Rebuild], Policy = ComputePolicies.ServersRebuild,
            Parse = b => Rebuild(b.Value, b.Version, b.Caller), Respond = ServerActionResponses.Rebuild,
        },
        new() { Name = "resize", Kinds = [Kind.Resize], Policy = ComputePolicies.ServersResize, Parse = b => Resize(b.Value, b.Caller) },
        new()
        {
            Name = "confirmResize", Kinds = [Kind.ConfirmResize], Policy = ComputePolicies.ServersConfirmResize,
            Parse = b => Simple(b, Kind.ConfirmResize), Respond = ServerActionResponses.NoContent,
        },
        new() { Name = "revertResize", Kinds = [Kind.RevertResize], Policy = ComputePolicies.ServersRevertResize, Parse = b => Simple(b, Kind.RevertResize) },
        new()
        {
            Name = "migrate", Kinds = [Kind.Migrate], Policy = ComputePolicies.Migrate, HostPolicy = ComputePolicies.MigrateToHost,
            Parse = b => Migrate(b.Value, b.Version, b.Caller),
        },
        new()
        {
            Name = "os-migrateLive", Kinds = [Kind.LiveMigrate], Policy = ComputePolicies.LiveMigrate, HostPolicy = ComputePolicies.LiveMigrateToHost,
            Parse = b => LiveMigrate(b.Value, b.Version, b.Caller),
        },
        new() { Name = "evacuate", Kinds = [Kind.Evacuate], Policy = ComputePolicies.Evacuate, Parse = EvacuateBody.Parse, Respond = ServerActionResponses.Evacuate },
        new() { Name = "changePassword", Kinds = [Kind.ChangePassword], Policy = ComputePolicies.ChangePassword, Parse = b => ChangePassword(b.Value, b.Caller) },
        new()
        {
            Name = "createImage", Kinds = [Kind.CreateImage], Policy = ComputePolicies.ServersCreateImage,
            Parse = b => CreateImage(b.Value, b.Caller), Respond = ServerActionResponses.Image,
        },
        new()
        {
            Name = "createBackup", Kinds = [Kind.CreateBackup], Policy = ComputePolicies.CreateBackup,
            Parse = b => CreateBackup(b.Value, b.Caller), Respond = ServerActionResponses.Image,
        },
        new()
        {
            Name = "trigger_crash_dump", Kinds = [Kind.TriggerCrashDump], Policy = ComputePolicies.ServersTriggerCrashDump,
            Parse = b => TriggerCrashDump(b.Value, b.Version, b.Caller),
        },
        new() { Name = "lock", Kinds = [Kind.Lock], Policy = ComputePolicies.Lock, Parse = b => Lock(b.Value, b.Version, b.Caller) },
        new() { Name = "unlock", Kinds = [Kind.Unlock], Policy = ComputePolicies.Unlock, CarriesUnlockOverride = true, Parse = b => Simple(b, Kind.Unlock) },
        new() { Name = "os-resetState", Kinds = [Kind.ResetState], Policy = ComputePolicies.ResetState, Parse = b => ResetState(b.Value, b.Caller) },
        new() { Name = "injectNetworkInfo", Kinds = [Kind.InjectNetworkInfo], Policy = ComputePolicies.InjectNetworkInfo, Parse = b => Simple(b, Kind.InjectNetworkInfo) },
        new() { Name = "restore", Kinds = [Kind.Restore], Policy = ComputePolicies.Restore, Parse = b => Simple(b, Kind.Restore) },
        new() { Name = "forceDelete", Kinds = [Kind.ForceDelete], Policy = ComputePolicies.ForceDelete, Parse = b => Simple(b, Kind.ForceDelete) },
        new()
        {
            Name = "addSecurityGroup", Kinds = [Kind.AddSecurityGroup], Policy = ComputePolicies.AddSecurityGroup,
            Parse = b => SecurityGroup(b.Value, b.Caller, Kind.AddSecurityGroup, b.Name), Resolve = Network.NetworkActionReferences.SecurityGroupAsync,
        },
        new()
        {
            Name = "removeSecurityGroup", Kinds = [Kind.RemoveSecurityGroup], Policy = ComputePolicies.RemoveSecurityGroup,
            Parse = b => SecurityGroup(b.Value, b.Caller, Kind.RemoveSecurityGroup, b.Name), Resolve = Network.NetworkActionReferences.SecurityGroupAsync,
        },

        // The network actions Nova kept below 2.44 (404 from 2.44, answered by the parser).
        new() { Name = "addFixedIp", Kinds = [Kind.AddFixedIp], Policy = ComputePolicies.MultinicAdd, Parse = NetworkActionParsers.AddFixedIp },
        new() { Name = "removeFixedIp", Kinds = [Kind.RemoveFixedIp], Policy = ComputePolicies.MultinicRemove, Parse = NetworkActionParsers.RemoveFixedIp },
        new()
        {
            Name = "addFloatingIp", Kinds = [Kind.AddFloatingIp], Policy = ComputePolicies.FloatingIpsAdd,
            Parse = NetworkActionParsers.AddFloatingIp, Resolve = Network.NetworkActionReferences.FloatingIpAsync,
        },
        new()
        {
            Name = "removeFloatingIp", Kinds = [Kind.RemoveFloatingIp], Policy = ComputePolicies.FloatingIpsRemove,
            Parse = NetworkActionParsers.RemoveFloatingIp, Resolve = Network.NetworkActionReferences.FloatingIpAsync,
        },

        // Reads and retired actions: no grain action.
        new() { Name = "os-getConsoleOutput", Policy = ComputePolicies.ConsoleOutput, Parse = b => ConsoleOutput(b.Value) },
        new() { Name = "resetNetwork", Policy = ComputePolicies.ResetNetwork, Parse = _ => throw new ComputeFaultException(410, "This resource is no longer available.") },
        new() { Name = "os-getVNCConsole", Policy = ComputePolicies.RemoteConsoles, Parse = b => LegacyConsole(b, "novnc", "xvpvnc"), Read = r => LegacyConsoleReads.ReadAsync(r, "vnc") },
        new() { Name = "os-getSPICEConsole", Policy = ComputePolicies.RemoteConsoles, Parse = b => LegacyConsole(b, "spice-html5"), Read = r => LegacyConsoleReads.ReadAsync(r, "spice") },
        new() { Name = "os-getSerialConsole", Policy = ComputePolicies.RemoteConsoles, Parse = b => LegacyConsole(b, "serial"), Read = r => LegacyConsoleReads.ReadAsync(r, "serial") },
        new() { Name = "os-getRDPConsole", Policy = ComputePolicies.RemoteConsoles, Parse = b => LegacyConsole(b, "rdp-html5"), Read = r => LegacyConsoleReads.ReadAsync(r, "rdp") },
    ];

    /// <summary>The rows by body key.</summary>
    public static IReadOnlyDictionary<string, ServerActionDescriptor> ByName { get; } = Rows.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The row of each action kind the API can ask for.</summary>
    public static IReadOnlyDictionary<ServerActionKind, ServerActionDescriptor> ByKind { get; } =
        Rows.SelectMany(r => r.Kinds.Select(k => (Kind: k, Row: r))).ToFrozenDictionary(x => x.Kind, x => x.Row);

    /// <summary>The row of a body key; null for a key that is not a Nova action.</summary>
    public static ServerActionDescriptor? Find(string name) => ByName.GetValueOrDefault(name);
}
