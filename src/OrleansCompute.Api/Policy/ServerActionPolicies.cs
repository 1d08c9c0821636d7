namespace OrleansCompute.Api.Policy;

/// <summary>
/// The Nova policy rule of each <c>POST /servers/{id}/action</c> body key, so that the action route checks
/// policy in one line: <c>await context.AuthorizeServerAsync(ServerActionPolicies.RuleFor(action), id)</c>.
/// </summary>
public static class ServerActionPolicies
{
    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["reboot"] = ComputePolicies.ServersReboot,
        ["os-start"] = ComputePolicies.ServersStart,
        ["os-stop"] = ComputePolicies.ServersStop,
        ["pause"] = ComputePolicies.Pause,
        ["unpause"] = ComputePolicies.Unpause,
        ["suspend"] = ComputePolicies.Suspend,
        ["resume"] = ComputePolicies.Resume,
        ["shelve"] = ComputePolicies.Shelve,
        ["shelveOffload"] = ComputePolicies.ShelveOffload,
        ["unshelve"] = ComputePolicies.Unshelve,
        ["lock"] = ComputePolicies.Lock,
        ["unlock"] = ComputePolicies.Unlock,
        ["rebuild"] = ComputePolicies.ServersRebuild,
        ["resize"] = ComputePolicies.ServersResize,
        ["confirmResize"] = ComputePolicies.ServersConfirmResize,
        ["revertResize"] = ComputePolicies.ServersRevertResize,
        ["createImage"] = ComputePolicies.ServersCreateImage,
        ["createBackup"] = ComputePolicies.CreateBackup,
        ["changePassword"] = ComputePolicies.ChangePassword,
        ["rescue"] = ComputePolicies.Rescue,
        ["unrescue"] = ComputePolicies.Unrescue,
        ["os-resetState"] = ComputePolicies.ResetState,
        ["injectNetworkInfo"] = ComputePolicies.InjectNetworkInfo,
        ["resetNetwork"] = ComputePolicies.ResetNetwork,
        ["forceDelete"] = ComputePolicies.ForceDelete,
        ["restore"] = ComputePolicies.Restore,
        ["trigger_crash_dump"] = ComputePolicies.ServersTriggerCrashDump,
        ["os-getConsoleOutput"] = ComputePolicies.ConsoleOutput,
        ["migrate"] = ComputePolicies.Migrate,
        ["os-migrateLive"] = ComputePolicies.LiveMigrate,
        ["os-getVNCConsole"] = ComputePolicies.RemoteConsoles,
        ["os-getSPICEConsole"] = ComputePolicies.RemoteConsoles,
        ["os-getSerialConsole"] = ComputePolicies.RemoteConsoles,
        ["os-getRDPConsole"] = ComputePolicies.RemoteConsoles,
        ["addSecurityGroup"] = ComputePolicies.AddSecurityGroup,
        ["removeSecurityGroup"] = ComputePolicies.RemoveSecurityGroup,
    };

    /// <summary>The rule of an action; null for a key that is not a Nova action (the route answers 400 for it).</summary>
    public static string? RuleFor(string action) => Rules.GetValueOrDefault(action);

    public static IEnumerable<string> Actions => Rules.Keys;
}
