namespace OrleansCompute.Api.Policy;

/// <summary>Nova's policy rule names that endpoints check, as constants so that a typo is a build error.</summary>
public static class ComputePolicies
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
    public const string AvailabilityZoneDetail = "os_compute_api:os-availability-zone:detail";
    public const string ServerGroupsIndexAllProjects = "os_compute_api:os-server-groups:index:all_projects";
    public const string InstanceActionEvents = "os_compute_api:os-instance-actions:events";
    public const string InstanceActionEventDetails = "os_compute_api:os-instance-actions:events:details";
}
