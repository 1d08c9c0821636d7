namespace OrleansCompute.Policy;

/// <summary>The operator's API rules (flavor management and access, extra specs, services, hypervisors, aggregates, migrations, usage, quota classes).</summary>
public static partial class ComputePolicies
{
    public const string FlavorCreate = "os_compute_api:os-flavor-manage:create";
    public const string FlavorUpdate = "os_compute_api:os-flavor-manage:update";
    public const string FlavorDelete = "os_compute_api:os-flavor-manage:delete";
    public const string FlavorAccessList = "os_compute_api:os-flavor-access";
    public const string FlavorAccessAdd = "os_compute_api:os-flavor-access:add_tenant_access";
    public const string FlavorAccessRemove = "os_compute_api:os-flavor-access:remove_tenant_access";
    public const string ExtraSpecsCreate = "os_compute_api:os-flavor-extra-specs:create";
    public const string ExtraSpecsUpdate = "os_compute_api:os-flavor-extra-specs:update";
    public const string ExtraSpecsDelete = "os_compute_api:os-flavor-extra-specs:delete";
    public const string ServicesList = "os_compute_api:os-services:list";
    public const string ServicesUpdate = "os_compute_api:os-services:update";
    public const string ServicesDelete = "os_compute_api:os-services:delete";
    public const string HypervisorsList = "os_compute_api:os-hypervisors:list";
    public const string HypervisorsListDetail = "os_compute_api:os-hypervisors:list-detail";
    public const string HypervisorsShow = "os_compute_api:os-hypervisors:show";
    public const string HypervisorsStatistics = "os_compute_api:os-hypervisors:statistics";
    public const string HypervisorsUptime = "os_compute_api:os-hypervisors:uptime";
    public const string HypervisorsSearch = "os_compute_api:os-hypervisors:search";
    public const string HypervisorsServers = "os_compute_api:os-hypervisors:servers";
    public const string AggregatesIndex = "os_compute_api:os-aggregates:index";
    public const string AggregatesCreate = "os_compute_api:os-aggregates:create";
    public const string AggregatesShow = "os_compute_api:os-aggregates:show";
    public const string AggregatesUpdate = "os_compute_api:os-aggregates:update";
    public const string AggregatesDelete = "os_compute_api:os-aggregates:delete";
    public const string AggregatesAddHost = "os_compute_api:os-aggregates:add_host";
    public const string AggregatesRemoveHost = "os_compute_api:os-aggregates:remove_host";
    public const string AggregatesSetMetadata = "os_compute_api:os-aggregates:set_metadata";
    public const string AggregatesImages = "compute:aggregates:images";
    public const string MigrationsIndex = "os_compute_api:os-migrations:index";
    public const string MigrationsIndexAllProjects = "os_compute_api:os-migrations:index:all_projects";
    public const string MigrationsIndexHost = "os_compute_api:os-migrations:index:host";
    public const string ServerMigrationsIndex = "os_compute_api:servers:migrations:index";
    public const string ServerMigrationsShow = "os_compute_api:servers:migrations:show";
    public const string ServerMigrationsForceComplete = "os_compute_api:servers:migrations:force_complete";
    public const string ServerMigrationsDelete = "os_compute_api:servers:migrations:delete";
    public const string SimpleTenantUsageList = "os_compute_api:os-simple-tenant-usage:list";
    public const string SimpleTenantUsageShow = "os_compute_api:os-simple-tenant-usage:show";
    public const string QuotaClassSetsShow = "os_compute_api:os-quota-class-sets:show";
    public const string QuotaClassSetsUpdate = "os_compute_api:os-quota-class-sets:update";
    public const string HostsList = "os_compute_api:os-hosts:list";
    public const string HostsShow = "os_compute_api:os-hosts:show";
    public const string HostsUpdate = "os_compute_api:os-hosts:update";
    public const string HostsReboot = "os_compute_api:os-hosts:reboot";
    public const string HostsShutdown = "os_compute_api:os-hosts:shutdown";
    public const string HostsStart = "os_compute_api:os-hosts:start";
    public const string InstanceUsageAuditLogList = "os_compute_api:os-instance-usage-audit-log:list";
    public const string InstanceUsageAuditLogShow = "os_compute_api:os-instance-usage-audit-log:show";
}
