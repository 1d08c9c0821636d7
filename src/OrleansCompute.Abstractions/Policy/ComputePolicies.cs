namespace OrleansCompute.Policy;

/// <summary>
/// Nova's policy rule names, the one place they are spelled: the API's endpoints and the grains' fallback checks
/// use these constants (a typo is a build error), and the Api's <c>NovaPolicyDefaults</c> keys its default check
/// strings by them.
/// </summary>
public static partial class ComputePolicies
{
    public const string ServersIndex = "os_compute_api:servers:index";
    public const string ServersDetail = "os_compute_api:servers:detail";
    public const string ServersIndexAllTenants = "os_compute_api:servers:index:get_all_tenants";
    public const string ServersDetailAllTenants = "os_compute_api:servers:detail:get_all_tenants";
    public const string ServersAllowAllFilters = "os_compute_api:servers:allow_all_filters";
    public const string ServersShow = "os_compute_api:servers:show";
    public const string ServersShowFlavorExtraSpecs = "os_compute_api:servers:show:flavor-extra-specs";
    public const string ServersCreate = "os_compute_api:servers:create";
    public const string ServersShowHostStatus = "os_compute_api:servers:show:host_status";
    public const string ServersCreateForcedHost = "os_compute_api:servers:create:forced_host";
    public const string ServersCreateRequestedDestination = "compute:servers:create:requested_destination";
    public const string ServersCreateZeroDiskFlavor = "os_compute_api:servers:create:zero_disk_flavor";
    public const string ServersDelete = "os_compute_api:servers:delete";
    public const string ServersUpdate = "os_compute_api:servers:update";
    public const string ServersReboot = "os_compute_api:servers:reboot";
    public const string ServersStart = "os_compute_api:servers:start";
    public const string ServersStop = "os_compute_api:servers:stop";
    public const string ExtendedServerAttributes = "os_compute_api:os-extended-server-attributes";
    public const string Pause = "os_compute_api:os-pause-server:pause";
    public const string Unpause = "os_compute_api:os-pause-server:unpause";
    public const string Suspend = "os_compute_api:os-suspend-server:suspend";
    public const string Resume = "os_compute_api:os-suspend-server:resume";
    public const string Shelve = "os_compute_api:os-shelve:shelve";
    public const string ShelveOffload = "os_compute_api:os-shelve:shelve_offload";
    public const string Unshelve = "os_compute_api:os-shelve:unshelve";
    public const string Lock = "os_compute_api:os-lock-server:lock";
    public const string Unlock = "os_compute_api:os-lock-server:unlock";
    public const string MigrateToHost = "os_compute_api:os-migrate-server:migrate:host";
    public const string LiveMigrateToHost = "os_compute_api:os-migrate-server:migrate_live:host";
    public const string UnshelveToHost = "os_compute_api:os-shelve:unshelve_to_host";
    public const string UnlockOverride = "os_compute_api:os-lock-server:unlock:unlock_override";
    public const string KeypairsIndex = "os_compute_api:os-keypairs:index";
    public const string KeypairsCreate = "os_compute_api:os-keypairs:create";
    public const string KeypairsDelete = "os_compute_api:os-keypairs:delete";
    public const string KeypairsShow = "os_compute_api:os-keypairs:show";
    public const string ServerGroupsCreate = "os_compute_api:os-server-groups:create";
    public const string ServerGroupsDelete = "os_compute_api:os-server-groups:delete";
    public const string ServerGroupsIndex = "os_compute_api:os-server-groups:index";
    public const string ServerGroupsShow = "os_compute_api:os-server-groups:show";
    public const string Limits = "os_compute_api:limits";
    public const string LimitsOtherProject = "os_compute_api:limits:other_project";
    public const string Extensions = "os_compute_api:extensions";
    public const string AvailabilityZoneDetail = "os_compute_api:os-availability-zone:detail";
    public const string ServerGroupsIndexAllProjects = "os_compute_api:os-server-groups:index:all_projects";
    public const string InstanceActionEvents = "os_compute_api:os-instance-actions:events";
    public const string InstanceActionEventDetails = "os_compute_api:os-instance-actions:events:details";

    // Server actions (POST /servers/{id}/action) beyond the ones above.
    public const string ServersRebuild = "os_compute_api:servers:rebuild";
    public const string ServersResize = "os_compute_api:servers:resize";
    public const string ServersConfirmResize = "os_compute_api:servers:confirm_resize";
    public const string ServersRevertResize = "os_compute_api:servers:revert_resize";
    public const string ServersCreateImage = "os_compute_api:servers:create_image";
    public const string ServersTriggerCrashDump = "os_compute_api:servers:trigger_crash_dump";
    public const string CreateBackup = "os_compute_api:os-create-backup";
    public const string ChangePassword = "os_compute_api:os-admin-password";
    public const string Rescue = "os_compute_api:os-rescue";
    public const string Unrescue = "os_compute_api:os-unrescue";
    public const string ResetState = "os_compute_api:os-admin-actions:reset_state";
    public const string InjectNetworkInfo = "os_compute_api:os-admin-actions:inject_network_info";
    public const string ResetNetwork = "os_compute_api:os-admin-actions:reset_network";
    public const string ForceDelete = "os_compute_api:os-deferred-delete:force";
    public const string Restore = "os_compute_api:os-deferred-delete:restore";
    public const string ConsoleOutput = "os_compute_api:os-console-output";
    public const string RemoteConsoles = "os_compute_api:os-remote-consoles";
    public const string ConsoleAuthTokens = "os_compute_api:os-console-auth-tokens";
    public const string ServerExternalEventsCreate = "os_compute_api:os-server-external-events:create";
    public const string Migrate = "os_compute_api:os-migrate-server:migrate";
    public const string LiveMigrate = "os_compute_api:os-migrate-server:migrate_live";
    public const string Evacuate = "os_compute_api:os-evacuate";
    public const string AddSecurityGroup = "os_compute_api:os-security-groups:add";
    public const string RemoveSecurityGroup = "os_compute_api:os-security-groups:remove";
    public const string InterfacesList = "os_compute_api:os-attach-interfaces:list";
    public const string InterfacesShow = "os_compute_api:os-attach-interfaces:show";
    public const string InterfacesCreate = "os_compute_api:os-attach-interfaces:create";
    public const string InterfacesDelete = "os_compute_api:os-attach-interfaces:delete";

    // Sub-resources of a server.
    public const string MetadataIndex = "os_compute_api:server-metadata:index";
    public const string MetadataShow = "os_compute_api:server-metadata:show";
    public const string MetadataCreate = "os_compute_api:server-metadata:create";
    public const string MetadataUpdateAll = "os_compute_api:server-metadata:update_all";
    public const string MetadataUpdate = "os_compute_api:server-metadata:update";
    public const string MetadataDelete = "os_compute_api:server-metadata:delete";
    public const string TagsIndex = "os_compute_api:os-server-tags:index";
    public const string TagsShow = "os_compute_api:os-server-tags:show";
    public const string TagsUpdate = "os_compute_api:os-server-tags:update";
    public const string TagsUpdateAll = "os_compute_api:os-server-tags:update_all";
    public const string TagsDelete = "os_compute_api:os-server-tags:delete";
    public const string TagsDeleteAll = "os_compute_api:os-server-tags:delete_all";
    public const string IpsIndex = "os_compute_api:ips:index";
    public const string IpsShow = "os_compute_api:ips:show";
    public const string ServerPasswordShow = "os_compute_api:os-server-password:show";
    public const string ServerPasswordClear = "os_compute_api:os-server-password:clear";
    public const string ServerDiagnostics = "os_compute_api:os-server-diagnostics";
    public const string ServerTopology = "compute:server:topology:index";
    public const string ServerTopologyHost = "compute:server:topology:host:index";
    public const string InstanceActionsList = "os_compute_api:os-instance-actions:list";
    public const string InstanceActionsShow = "os_compute_api:os-instance-actions:show";

    // Quotas, flavors' extra specs and zones.
    public const string QuotaSetsShow = "os_compute_api:os-quota-sets:show";
    public const string QuotaSetsUpdate = "os_compute_api:os-quota-sets:update";
    public const string QuotaSetsDefaults = "os_compute_api:os-quota-sets:defaults";
    public const string QuotaSetsDelete = "os_compute_api:os-quota-sets:delete";
    public const string QuotaSetsDetail = "os_compute_api:os-quota-sets:detail";
    public const string FlavorExtraSpecsIndex = "os_compute_api:os-flavor-extra-specs:index";
    public const string FlavorExtraSpecsShow = "os_compute_api:os-flavor-extra-specs:show";
    public const string AvailabilityZoneList = "os_compute_api:os-availability-zone:list";

    // The network proxies below 2.36 and the network actions below 2.44 (nova/policies/{security_groups,networks,
    // tenant_networks,floating_ips,multinic}.py).
    public const string SecurityGroupsGet = "os_compute_api:os-security-groups:get";
    public const string SecurityGroupsShow = "os_compute_api:os-security-groups:show";
    public const string SecurityGroupsCreate = "os_compute_api:os-security-groups:create";
    public const string SecurityGroupsUpdate = "os_compute_api:os-security-groups:update";
    public const string SecurityGroupsDelete = "os_compute_api:os-security-groups:delete";
    public const string SecurityGroupRuleCreate = "os_compute_api:os-security-groups:rule:create";
    public const string SecurityGroupRuleDelete = "os_compute_api:os-security-groups:rule:delete";
    public const string ServerSecurityGroupsList = "os_compute_api:os-security-groups:list";
    public const string NetworksList = "os_compute_api:os-networks:list";
    public const string NetworksShow = "os_compute_api:os-networks:show";
    public const string TenantNetworksList = "os_compute_api:os-tenant-networks:list";
    public const string TenantNetworksShow = "os_compute_api:os-tenant-networks:show";
    public const string FloatingIpsAdd = "os_compute_api:os-floating-ips:add";
    public const string FloatingIpsRemove = "os_compute_api:os-floating-ips:remove";
    public const string MultinicAdd = "os_compute_api:os-multinic:add";
    public const string MultinicRemove = "os_compute_api:os-multinic:remove";
    public const string AttachExternalNetwork = "network:attach_external_network";

    // Assisted volume snapshots (called by Cinder's file-based drivers).
    public const string AssistedVolumeSnapshotsCreate = "os_compute_api:os-assisted-volume-snapshots:create";
    public const string AssistedVolumeSnapshotsDelete = "os_compute_api:os-assisted-volume-snapshots:delete";
}
