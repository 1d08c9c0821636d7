using OrleansCompute.Api.Policy;

namespace OrleansCompute.Api.Servers.Listing;

/// <summary>
/// The two policy decisions a server listing depends on, made before parsing: <c>allow_all_filters</c> (else the
/// non-admin allow list) and <c>index|detail:get_all_tenants</c> (else a true all_tenants is 403).
/// </summary>
internal sealed record ListPermissions(bool AllFilters, bool AllTenants, string AllTenantsRule)
{
    /// <summary>Nova's defaults for a caller: both admin only.</summary>
    public static ListPermissions Defaults(bool isAdmin) => new(isAdmin, isAdmin, ComputePolicies.ServersIndexAllTenants);

    /// <summary>The configured policy's answers for the list (<paramref name="detail"/> false) or detail endpoint.</summary>
    public static ListPermissions For(ComputeRequest request, bool detail)
    {
        var allTenantsRule = detail ? ComputePolicies.ServersDetailAllTenants : ComputePolicies.ServersIndexAllTenants;
        return new(request.IsAllowed(ComputePolicies.ServersAllowAllFilters), request.IsAllowed(allTenantsRule), allTenantsRule);
    }
}
