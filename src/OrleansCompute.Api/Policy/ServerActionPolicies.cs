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
        ["rebuild"] = "os_compute_api:servers:rebuild",
        ["resize"] = "os_compute_api:servers:resize",
        ["confirmResize"] = "os_compute_api:servers:confirm_resize",
        ["revertResize"] = "os_compute_api:servers:revert_resize",
        ["createImage"] = "os_compute_api:servers:create_image",
        ["createBackup"] = "os_compute_api:os-create-backup",
        ["changePassword"] = "os_compute_api:os-admin-password",
        ["rescue"] = "os_compute_api:os-rescue",
        ["unrescue"] = "os_compute_api:os-unrescue",
        ["os-resetState"] = "os_compute_api:os-admin-actions:reset_state",
        ["injectNetworkInfo"] = "os_compute_api:os-admin-actions:inject_network_info",
        ["resetNetwork"] = "os_compute_api:os-admin-actions:reset_network",
        ["forceDelete"] = "os_compute_api:os-deferred-delete:force",
        ["restore"] = "os_compute_api:os-deferred-delete:restore",
        ["trigger_crash_dump"] = "os_compute_api:servers:trigger_crash_dump",
        ["os-getConsoleOutput"] = "os_compute_api:os-console-output",
        ["migrate"] = "os_compute_api:os-migrate-server:migrate",
        ["os-migrateLive"] = "os_compute_api:os-migrate-server:migrate_live",
        ["os-getVNCConsole"] = "os_compute_api:os-remote-consoles",
        ["os-getSPICEConsole"] = "os_compute_api:os-remote-consoles",
        ["os-getSerialConsole"] = "os_compute_api:os-remote-consoles",
        ["os-getRDPConsole"] = "os_compute_api:os-remote-consoles",
        ["addSecurityGroup"] = "os_compute_api:os-security-groups:add",
        ["removeSecurityGroup"] = "os_compute_api:os-security-groups:remove",
    };

    /// <summary>The rule of an action; null for a key that is not a Nova action (the route answers 400 for it).</summary>
    public static string? RuleFor(string action) => Rules.GetValueOrDefault(action);

    public static IEnumerable<string> Actions => Rules.Keys;
}
