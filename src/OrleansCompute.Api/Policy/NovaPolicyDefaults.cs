namespace OrleansCompute.Api.Policy;

/// <summary>
/// Nova's default policy (the "new defaults": admin, project member, project reader), rule names and check
/// strings as nova/policies registers them. A policy file overrides any of them by name.
/// </summary>
internal static class NovaPolicyDefaults
{
    private const string Admin = "rule:context_is_admin";
    private const string ProjectReaderOrAdmin = "rule:project_reader_or_admin";
    private const string ProjectMemberOrAdmin = "rule:project_member_or_admin";
    private const string ProjectManagerOrAdmin = "rule:project_manager_or_admin";
    private const string ProjectMember = "rule:project_member_api";
    private const string Any = "@";

    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // nova/policies/base.py
        ["context_is_admin"] = "role:admin",
        ["admin_api"] = "role:admin",
        ["admin_or_owner"] = "is_admin:True or project_id:%(project_id)s",
        ["service_api"] = "role:service",
        ["service_or_admin"] = "rule:service_api or rule:context_is_admin",
        ["project_manager_api"] = "role:manager and project_id:%(project_id)s",
        ["project_member_api"] = "role:member and project_id:%(project_id)s",
        ["project_reader_api"] = "role:reader and project_id:%(project_id)s",
        ["project_manager_or_admin"] = "rule:project_manager_api or rule:context_is_admin",
        ["project_member_or_admin"] = "rule:project_member_api or rule:context_is_admin",
        ["project_reader_or_admin"] = "rule:project_reader_api or rule:context_is_admin",

        // nova/policies/servers.py
        [ComputePolicies.ServersIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.ServersDetail] = ProjectReaderOrAdmin,
        [ComputePolicies.ServersIndexAllTenants] = Admin,
        [ComputePolicies.ServersDetailAllTenants] = Admin,
        [ComputePolicies.ServersAllowAllFilters] = Admin,
        [ComputePolicies.ServersShow] = ProjectReaderOrAdmin,
        [ComputePolicies.ServersShowFlavorExtraSpecs] = ProjectReaderOrAdmin,
        [ComputePolicies.ServersShowHostStatus] = Admin,
        ["os_compute_api:servers:show:host_status:unknown-only"] = Admin,
        [ComputePolicies.ServersCreate] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersCreateForcedHost] = Admin,
        [ComputePolicies.ServersCreateRequestedDestination] = Admin,
        ["os_compute_api:servers:create:attach_volume"] = ProjectMemberOrAdmin,
        ["os_compute_api:servers:create:attach_network"] = ProjectMemberOrAdmin,
        ["os_compute_api:servers:create:trusted_certs"] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersCreateZeroDiskFlavor] = Admin,
        ["network:attach_external_network"] = Admin,
        [ComputePolicies.ServersDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersUpdate] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersConfirmResize] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersRevertResize] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersReboot] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersResize] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersRebuild] = ProjectMemberOrAdmin,
        ["os_compute_api:servers:rebuild:trusted_certs"] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersCreateImage] = ProjectMemberOrAdmin,
        ["os_compute_api:servers:create_image:allow_volume_backed"] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersStart] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersStop] = ProjectMemberOrAdmin,
        [ComputePolicies.ServersTriggerCrashDump] = ProjectMemberOrAdmin,
        [ComputePolicies.ExtendedServerAttributes] = Admin,

        // Server actions (nova/policies/pause_server.py, suspend_server.py, shelve.py, lock_server.py, ...)
        [ComputePolicies.Pause] = ProjectMemberOrAdmin,
        [ComputePolicies.Unpause] = ProjectMemberOrAdmin,
        [ComputePolicies.Suspend] = ProjectMemberOrAdmin,
        [ComputePolicies.Resume] = ProjectMemberOrAdmin,
        [ComputePolicies.Shelve] = ProjectMemberOrAdmin,
        [ComputePolicies.ShelveOffload] = Admin,
        [ComputePolicies.Unshelve] = ProjectMemberOrAdmin,
        [ComputePolicies.UnshelveToHost] = Admin,
        [ComputePolicies.Lock] = ProjectMemberOrAdmin,
        [ComputePolicies.Unlock] = ProjectMemberOrAdmin,
        [ComputePolicies.UnlockOverride] = Admin,
        [ComputePolicies.Rescue] = ProjectMemberOrAdmin,
        [ComputePolicies.Unrescue] = ProjectMemberOrAdmin,
        [ComputePolicies.ChangePassword] = ProjectMemberOrAdmin,
        [ComputePolicies.ResetState] = Admin,
        [ComputePolicies.InjectNetworkInfo] = Admin,
        [ComputePolicies.ResetNetwork] = Admin,
        [ComputePolicies.Restore] = ProjectMemberOrAdmin,
        [ComputePolicies.ForceDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.CreateBackup] = ProjectMemberOrAdmin,
        [ComputePolicies.Migrate] = ProjectManagerOrAdmin,
        [ComputePolicies.MigrateToHost] = Admin,
        [ComputePolicies.LiveMigrate] = ProjectManagerOrAdmin,
        [ComputePolicies.LiveMigrateToHost] = Admin,
        [ComputePolicies.Evacuate] = Admin,
        [ComputePolicies.ConsoleOutput] = ProjectMemberOrAdmin,
        [ComputePolicies.RemoteConsoles] = ProjectMemberOrAdmin,
        [ComputePolicies.ConsoleAuthTokens] = Admin,
        [ComputePolicies.AddSecurityGroup] = ProjectMemberOrAdmin,
        [ComputePolicies.RemoveSecurityGroup] = ProjectMemberOrAdmin,
        ["os_compute_api:os-security-groups:list"] = ProjectReaderOrAdmin,

        // Sub-resources of a server.
        [ComputePolicies.MetadataIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.MetadataShow] = ProjectReaderOrAdmin,
        [ComputePolicies.MetadataCreate] = ProjectMemberOrAdmin,
        [ComputePolicies.MetadataUpdateAll] = ProjectMemberOrAdmin,
        [ComputePolicies.MetadataUpdate] = ProjectMemberOrAdmin,
        [ComputePolicies.MetadataDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.TagsIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.TagsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.TagsUpdate] = ProjectMemberOrAdmin,
        [ComputePolicies.TagsUpdateAll] = ProjectMemberOrAdmin,
        [ComputePolicies.TagsDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.TagsDeleteAll] = ProjectMemberOrAdmin,
        [ComputePolicies.IpsIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.ServerPasswordShow] = ProjectReaderOrAdmin,
        [ComputePolicies.ServerPasswordClear] = ProjectMemberOrAdmin,
        [ComputePolicies.ServerDiagnostics] = Admin,
        [ComputePolicies.ServerTopology] = ProjectReaderOrAdmin,
        [ComputePolicies.ServerTopologyHost] = Admin,
        [ComputePolicies.IpsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.InstanceActionsList] = ProjectReaderOrAdmin,
        [ComputePolicies.InstanceActionsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.InstanceActionEvents] = Admin,
        // Event details (2.84) carry the fault message a member already sees on the server.
        [ComputePolicies.InstanceActionEventDetails] = ProjectReaderOrAdmin,
        [ComputePolicies.InterfacesList] = ProjectReaderOrAdmin,
        [ComputePolicies.InterfacesShow] = ProjectReaderOrAdmin,
        [ComputePolicies.InterfacesCreate] = ProjectMemberOrAdmin,
        [ComputePolicies.InterfacesDelete] = ProjectMemberOrAdmin,
        ["os_compute_api:os-volumes-attachments:index"] = ProjectReaderOrAdmin,
        ["os_compute_api:os-volumes-attachments:show"] = ProjectReaderOrAdmin,
        ["os_compute_api:os-volumes-attachments:create"] = ProjectMemberOrAdmin,
        ["os_compute_api:os-volumes-attachments:update"] = ProjectMemberOrAdmin,
        ["os_compute_api:os-volumes-attachments:swap"] = Admin,
        ["os_compute_api:os-volumes-attachments:delete"] = ProjectMemberOrAdmin,

        // Key pairs belong to a user, not a project (nova/policies/keypairs.py).
        [ComputePolicies.KeypairsIndex] = "(rule:context_is_admin) or user_id:%(user_id)s",
        [ComputePolicies.KeypairsCreate] = "(rule:context_is_admin) or user_id:%(user_id)s",
        [ComputePolicies.KeypairsDelete] = "(rule:context_is_admin) or user_id:%(user_id)s",
        [ComputePolicies.KeypairsShow] = "(rule:context_is_admin) or user_id:%(user_id)s",

        // nova/policies/server_groups.py: creating one needs a member of the project, even for an admin.
        [ComputePolicies.ServerGroupsCreate] = ProjectMember,
        [ComputePolicies.ServerGroupsDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.ServerGroupsIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.ServerGroupsIndexAllProjects] = Admin,
        [ComputePolicies.ServerGroupsShow] = ProjectReaderOrAdmin,

        // nova/policies/limits.py and quota_sets.py
        [ComputePolicies.Limits] = Any,
        [ComputePolicies.LimitsOtherProject] = Admin,

        // nova/policies/extensions.py
        [ComputePolicies.Extensions] = Any,
        [ComputePolicies.QuotaSetsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.QuotaSetsUpdate] = Admin,
        [ComputePolicies.QuotaSetsDefaults] = Any,
        [ComputePolicies.QuotaSetsDelete] = Admin,
        [ComputePolicies.QuotaSetsDetail] = ProjectReaderOrAdmin,

        // Flavors (list and show have no rule in Nova), availability zones, usage and admin-only resources.
        [ComputePolicies.FlavorExtraSpecsIndex] = ProjectReaderOrAdmin,
        [ComputePolicies.FlavorExtraSpecsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.ExtraSpecsCreate] = Admin,
        [ComputePolicies.ExtraSpecsUpdate] = Admin,
        [ComputePolicies.ExtraSpecsDelete] = Admin,
        [ComputePolicies.FlavorCreate] = Admin,
        [ComputePolicies.FlavorUpdate] = Admin,
        [ComputePolicies.FlavorDelete] = Admin,
        [ComputePolicies.FlavorAccessList] = Admin,
        [ComputePolicies.FlavorAccessAdd] = Admin,
        [ComputePolicies.FlavorAccessRemove] = Admin,
        [ComputePolicies.AvailabilityZoneList] = Any,
        [ComputePolicies.AvailabilityZoneDetail] = Admin,
        [ComputePolicies.HypervisorsList] = Admin,
        [ComputePolicies.HypervisorsListDetail] = Admin,
        [ComputePolicies.HypervisorsShow] = Admin,
        [ComputePolicies.HypervisorsStatistics] = Admin,
        [ComputePolicies.HypervisorsUptime] = Admin,
        [ComputePolicies.HypervisorsSearch] = Admin,
        [ComputePolicies.HypervisorsServers] = Admin,
        [ComputePolicies.ServicesList] = Admin,
        [ComputePolicies.ServicesUpdate] = Admin,
        [ComputePolicies.ServicesDelete] = Admin,
        [ComputePolicies.AggregatesIndex] = Admin,
        // The reference: sent by Neutron, Cinder and Ironic with the service role, or by an admin.
        [ComputePolicies.ServerExternalEventsCreate] = "rule:service_or_admin",

        // The operator's API (nova/policies/aggregates.py): rules not registered above.
        [ComputePolicies.AggregatesCreate] = Admin,
        [ComputePolicies.AggregatesShow] = Admin,
        [ComputePolicies.AggregatesUpdate] = Admin,
        [ComputePolicies.AggregatesDelete] = Admin,
        [ComputePolicies.AggregatesAddHost] = Admin,
        [ComputePolicies.AggregatesRemoveHost] = Admin,
        [ComputePolicies.AggregatesSetMetadata] = Admin,
        [ComputePolicies.AggregatesImages] = Admin,

        // nova/policies/migrations.py, servers_migrations.py, simple_tenant_usage.py, quota_class_sets.py, hosts.py, instance_usage_audit_log.py
        [ComputePolicies.MigrationsIndex] = ProjectManagerOrAdmin,
        [ComputePolicies.MigrationsIndexAllProjects] = Admin,
        [ComputePolicies.MigrationsIndexHost] = Admin,
        [ComputePolicies.ServerMigrationsIndex] = ProjectManagerOrAdmin,
        [ComputePolicies.ServerMigrationsShow] = Admin,
        [ComputePolicies.ServerMigrationsForceComplete] = ProjectManagerOrAdmin,
        [ComputePolicies.ServerMigrationsDelete] = ProjectManagerOrAdmin,
        [ComputePolicies.SimpleTenantUsageList] = Admin,
        [ComputePolicies.SimpleTenantUsageShow] = ProjectReaderOrAdmin,
        [ComputePolicies.QuotaClassSetsShow] = Admin,
        [ComputePolicies.QuotaClassSetsUpdate] = Admin,
        [ComputePolicies.HostsList] = Admin,
        [ComputePolicies.HostsShow] = Admin,
        [ComputePolicies.HostsUpdate] = Admin,
        [ComputePolicies.HostsReboot] = Admin,
        [ComputePolicies.HostsShutdown] = Admin,
        [ComputePolicies.HostsStart] = Admin,
        [ComputePolicies.InstanceUsageAuditLogList] = Admin,
        [ComputePolicies.InstanceUsageAuditLogShow] = Admin,

        // The network proxies below 2.36 and the network actions below 2.44 (os-security-groups:list and
        // network:attach_external_network are above).
        [ComputePolicies.SecurityGroupsGet] = ProjectReaderOrAdmin,
        [ComputePolicies.SecurityGroupsShow] = ProjectReaderOrAdmin,
        [ComputePolicies.SecurityGroupsCreate] = ProjectMemberOrAdmin,
        [ComputePolicies.SecurityGroupsUpdate] = ProjectMemberOrAdmin,
        [ComputePolicies.SecurityGroupsDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.SecurityGroupRuleCreate] = ProjectMemberOrAdmin,
        [ComputePolicies.SecurityGroupRuleDelete] = ProjectMemberOrAdmin,
        [ComputePolicies.NetworksList] = ProjectReaderOrAdmin,
        [ComputePolicies.NetworksShow] = ProjectReaderOrAdmin,
        [ComputePolicies.TenantNetworksList] = ProjectReaderOrAdmin,
        [ComputePolicies.TenantNetworksShow] = ProjectReaderOrAdmin,
        [ComputePolicies.FloatingIpsAdd] = ProjectMemberOrAdmin,
        [ComputePolicies.FloatingIpsRemove] = ProjectMemberOrAdmin,
        [ComputePolicies.MultinicAdd] = ProjectMemberOrAdmin,
        [ComputePolicies.MultinicRemove] = ProjectMemberOrAdmin,

        // nova/policies/assisted_volume_snapshots.py: Cinder with the service role, or an admin.
        [ComputePolicies.AssistedVolumeSnapshotsCreate] = "rule:service_or_admin",
        [ComputePolicies.AssistedVolumeSnapshotsDelete] = "rule:service_or_admin",
    };
}
