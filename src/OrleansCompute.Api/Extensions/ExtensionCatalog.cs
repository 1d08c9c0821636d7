namespace OrleansCompute.Api.Extensions;

/// <summary>One entry of Nova's fixed extension list.</summary>
internal sealed record ExtensionInfo(string Alias, string Name, string Description);

/// <summary>
/// The static list Nova's <c>/extensions</c> still serves for old clients that probe it: it describes the v2
/// extensions folded into v2.1 and says nothing about what is enabled. Every entry shares one namespace and one
/// date. The legacy <c>/v2</c> endpoint adds one more entry (<see cref="LegacyOnly"/>).
/// </summary>
internal static class ExtensionCatalog
{
    public const string Namespace = "http://docs.openstack.org/compute/ext/fake_xml";
    public const string Updated = "2014-12-03T00:00:00Z";

    public static readonly ExtensionInfo LegacyOnly = new("OS-EXT-VIF-NET", "ExtendedVIFNet", "Adds network id parameter to the virtual interface list.");

    public static readonly IReadOnlyList<ExtensionInfo> Current =
    [
        new("NMN", "Multinic", "Multiple network support."),
        new("OS-DCF", "DiskConfig", "Disk Management Extension."),
        new("OS-EXT-AZ", "ExtendedAvailabilityZone", "Extended Availability Zone support."),
        new("OS-EXT-IMG-SIZE", "ImageSize", "Adds image size to image listings."),
        new("OS-EXT-IPS", "ExtendedIps", "Adds type parameter to the ip list."),
        new("OS-EXT-IPS-MAC", "ExtendedIpsMac", "Adds mac address parameter to the ip list."),
        new("OS-EXT-SRV-ATTR", "ExtendedServerAttributes", "Extended Server Attributes support."),
        new("OS-EXT-STS", "ExtendedStatus", "Extended Status support."),
        new("OS-FLV-DISABLED", "FlavorDisabled", "Support to show the disabled status of a flavor."),
        new("OS-FLV-EXT-DATA", "FlavorExtraData", "Provide additional data for flavors."),
        new("OS-SCH-HNT", "SchedulerHints", "Pass arbitrary key/value pairs to the scheduler."),
        new("OS-SRV-USG", "ServerUsage", "Adds launched_at and terminated_at on Servers."),
        new("os-access-ips", "AccessIPs", "Access IPs support."),
        new("os-admin-actions", "AdminActions", "Enable admin-only server actions\n\n    Actions include: resetNetwork, injectNetworkInfo, os-resetState\n    "),
        new("os-admin-password", "AdminPassword", "Admin password management support."),
        new("os-agents", "Agents", "Agents support."),
        new("os-aggregates", "Aggregates", "Admin-only aggregate administration."),
        new("os-assisted-volume-snapshots", "AssistedVolumeSnapshots", "Assisted volume snapshots."),
        new("os-attach-interfaces", "AttachInterfaces", "Attach interface support."),
        new("os-availability-zone", "AvailabilityZone", "1. Add availability_zone to the Create Server API.\n       2. Add availability zones describing.\n    "),
        new("os-baremetal-ext-status", "BareMetalExtStatus", "Add extended status in Baremetal Nodes v2 API."),
        new("os-baremetal-nodes", "BareMetalNodes", "Admin-only bare-metal node administration."),
        new("os-block-device-mapping", "BlockDeviceMapping", "Block device mapping boot support."),
        new("os-block-device-mapping-v2-boot", "BlockDeviceMappingV2Boot", "Allow boot with the new BDM data format."),
        new("os-cell-capacities", "CellCapacities", "Adding functionality to get cell capacities."),
        new("os-cells", "Cells", "Enables cells-related functionality such as adding neighbor cells,\n    listing neighbor cells, and getting the capabilities of the local cell.\n    "),
        new("os-certificates", "Certificates", "Certificates support."),
        new("os-cloudpipe", "Cloudpipe", "Adds actions to create cloudpipe instances.\n\n    When running with the Vlan network mode, you need a mechanism to route\n    from the public Internet to your vlans.  This mechanism is known as a\n    cloudpipe.\n\n    At the time of creating this class, only OpenVPN is supported.  Support for\n    a SSH Bastion host is forthcoming.\n    "),
        new("os-cloudpipe-update", "CloudpipeUpdate", "Adds the ability to set the vpn ip/port for cloudpipe instances."),
        new("os-config-drive", "ConfigDrive", "Config Drive Extension."),
        new("os-console-auth-tokens", "ConsoleAuthTokens", "Console token authentication support."),
        new("os-console-output", "ConsoleOutput", "Console log output support, with tailing ability."),
        new("os-consoles", "Consoles", "Interactive Console support."),
        new("os-create-backup", "CreateBackup", "Create a backup of a server."),
        new("os-create-server-ext", "Createserverext", "Extended support to the Create Server v1.1 API."),
        new("os-deferred-delete", "DeferredDelete", "Instance deferred delete."),
        new("os-evacuate", "Evacuate", "Enables server evacuation."),
        new("os-extended-evacuate-find-host", "ExtendedEvacuateFindHost", "Enables server evacuation without target host. Scheduler will select one to target."),
        new("os-extended-floating-ips", "ExtendedFloatingIps", "Adds optional fixed_address to the add floating IP command."),
        new("os-extended-hypervisors", "ExtendedHypervisors", "Extended hypervisors support."),
        new("os-extended-networks", "ExtendedNetworks", "Adds additional fields to networks."),
        new("os-extended-quotas", "ExtendedQuotas", "Adds ability for admins to delete quota and optionally force the update Quota command."),
        new("os-extended-rescue-with-image", "ExtendedRescueWithImage", "Allow the user to specify the image to use for rescue."),
        new("os-extended-services", "ExtendedServices", "Extended services support."),
        new("os-extended-services-delete", "ExtendedServicesDelete", "Extended services deletion support."),
        new("os-extended-status", "ExtendedStatus", "Extended Status support."),
        new("os-extended-volumes", "ExtendedVolumes", "Extended Volumes support."),
        new("os-fixed-ips", "FixedIPs", "Fixed IPs support."),
        new("os-flavor-access", "FlavorAccess", "Flavor access support."),
        new("os-flavor-extra-specs", "FlavorExtraSpecs", "Flavors extra specs support."),
        new("os-flavor-manage", "FlavorManage", "Flavor create/delete API support."),
        new("os-flavor-rxtx", "FlavorRxtx", "Support to show the rxtx status of a flavor."),
        new("os-flavor-swap", "FlavorSwap", "Support to show the swap status of a flavor."),
        new("os-floating-ip-dns", "FloatingIpDns", "Floating IP DNS support."),
        new("os-floating-ip-pools", "FloatingIpPools", "Floating IPs support."),
        new("os-floating-ips", "FloatingIps", "Floating IPs support."),
        new("os-floating-ips-bulk", "FloatingIpsBulk", "Bulk handling of Floating IPs."),
        new("os-fping", "Fping", "Fping Management Extension."),
        new("os-hide-server-addresses", "HideServerAddresses", "Support hiding server addresses in certain states."),
        new("os-hosts", "Hosts", "Admin-only host administration."),
        new("os-hypervisor-status", "HypervisorStatus", "Show hypervisor status."),
        new("os-hypervisors", "Hypervisors", "Admin-only hypervisor administration."),
        new("os-instance-actions", "InstanceActions", "View a log of actions and events taken on an instance."),
        new("os-instance_usage_audit_log", "OSInstanceUsageAuditLog", "Admin-only Task Log Monitoring."),
        new("os-keypairs", "Keypairs", "Keypair Support."),
        new("os-lock-server", "LockServer", "Enable lock/unlock server actions."),
        new("os-migrate-server", "MigrateServer", "Enable migrate and live-migrate server actions."),
        new("os-migrations", "Migrations", "Provide data on migrations."),
        new("os-multiple-create", "MultipleCreate", "Allow multiple create in the Create Server v2.1 API."),
        new("os-networks", "Networks", "Admin-only Network Management Extension."),
        new("os-networks-associate", "NetworkAssociationSupport", "Network association support."),
        new("os-pause-server", "PauseServer", "Enable pause/unpause server actions."),
        new("os-personality", "Personality", "Personality support."),
        new("os-preserve-ephemeral-rebuild", "PreserveEphemeralOnRebuild", "Allow preservation of the ephemeral partition on rebuild."),
        new("os-quota-class-sets", "QuotaClasses", "Quota classes management support."),
        new("os-quota-sets", "Quotas", "Quotas management support."),
        new("os-rescue", "Rescue", "Instance rescue mode."),
        new("os-security-group-default-rules", "SecurityGroupDefaultRules", "Default rules for security group support."),
        new("os-security-groups", "SecurityGroups", "Security group support."),
        new("os-server-diagnostics", "ServerDiagnostics", "Allow Admins to view server diagnostics through server action."),
        new("os-server-external-events", "ServerExternalEvents", "Server External Event Triggers."),
        new("os-server-group-quotas", "ServerGroupQuotas", "Adds quota support to server groups."),
        new("os-server-groups", "ServerGroups", "Server group support."),
        new("os-server-list-multi-status", "ServerListMultiStatus", "Allow to filter the servers by a set of status values."),
        new("os-server-password", "ServerPassword", "Server password support."),
        new("os-server-sort-keys", "ServerSortKeys", "Add sorting support in get Server v2 API."),
        new("os-server-start-stop", "ServerStartStop", "Start/Stop instance compute API support."),
        new("os-services", "Services", "Services support."),
        new("os-shelve", "Shelve", "Instance shelve mode."),
        new("os-simple-tenant-usage", "SimpleTenantUsage", "Simple tenant usage extension."),
        new("os-suspend-server", "SuspendServer", "Enable suspend/resume server actions."),
        new("os-tenant-networks", "OSTenantNetworks", "Tenant-based Network Management Extension."),
        new("os-used-limits", "UsedLimits", "Provide data on limited resources that are being used."),
        new("os-used-limits-for-admin", "UsedLimitsForAdmin", "Provide data to admin on limited resources used by other tenants."),
        new("os-user-data", "UserData", "Add user_data to the Create Server API."),
        new("os-user-quotas", "UserQuotas", "Project user quota support."),
        new("os-virtual-interfaces", "VirtualInterfaces", "Virtual interface support."),
        new("os-volume-attachment-update", "VolumeAttachmentUpdate", "Support for updating a volume attachment."),
        new("os-volumes", "Volumes", "Volumes support."),
    ];

    /// <summary>The list for the endpoint asked: the legacy one is the same list plus one, sorted by alias.</summary>
    public static IReadOnlyList<ExtensionInfo> For(bool legacy) =>
        legacy ? [.. Current.Append(LegacyOnly).OrderBy(e => e.Alias, StringComparer.Ordinal)] : Current;
}
