namespace OrleansCompute.Api.Policy;

/// <summary>
/// Nova's rule names for the operator's API (flavor management and access, extra specs, services, hypervisors),
/// as constants so that a typo is a build error. Defaults are in <see cref="NovaPolicyDefaults"/>.
/// </summary>
public static class OperatorPolicies
{
    public const string FlavorCreate = "os_compute_api:os-flavor-manage:create";
    public const string FlavorUpdate = "os_compute_api:os-flavor-manage:update";
    public const string FlavorDelete = "os_compute_api:os-flavor-manage:delete";
    public const string FlavorAccessList = "os_compute_api:os-flavor-access";
    public const string FlavorAccessAdd = "os_compute_api:os-flavor-access:add_tenant_access";
    public const string FlavorAccessRemove = "os_compute_api:os-flavor-access:remove_tenant_access";
    public const string ExtraSpecsIndex = "os_compute_api:os-flavor-extra-specs:index";
    public const string ExtraSpecsShow = "os_compute_api:os-flavor-extra-specs:show";
    public const string ExtraSpecsCreate = "os_compute_api:os-flavor-extra-specs:create";
    public const string ExtraSpecsUpdate = "os_compute_api:os-flavor-extra-specs:update";
    public const string ExtraSpecsDelete = "os_compute_api:os-flavor-extra-specs:delete";
}
