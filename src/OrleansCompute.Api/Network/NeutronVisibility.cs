using OrleansCompute.Identity;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// Neutron's default read rules: admins see everything; a project sees its own resources; shared and external
/// networks (and their subnets) are seen by everyone. Resources made from configuration belong to no project and
/// are seen by everyone.
/// </summary>
internal static class NeutronVisibility
{
    public static bool Owns(CallerContext caller, string projectId) => caller.IsAdmin || projectId == caller.ProjectId;

    public static bool Sees(CallerContext caller, string projectId) => Owns(caller, projectId) || projectId.Length == 0;

    public static bool Sees(CallerContext caller, NeutronNetwork network) => Sees(caller, network.ProjectId) || network.Shared || network.External;

    public static bool Sees(CallerContext caller, NeutronSubnet subnet, NeutronNetwork network) => Sees(caller, subnet.ProjectId) || Sees(caller, network);

    /// <summary>A change needs ownership (or admin); seeing without owning is a 403.</summary>
    public static void MustOwn(CallerContext caller, string projectId, string action)
    {
        if (!Owns(caller, projectId))
        {
            throw NeutronFaultException.Forbidden($"rule:{action} is disallowed by policy");
        }
    }

    /// <summary>Attributes only admins may set (shared, router:external, binding:host_id...).</summary>
    public static void AdminOnly(CallerContext caller, bool given, string rule)
    {
        if (given && !caller.IsAdmin)
        {
            throw NeutronFaultException.Forbidden($"(rule:{rule}) is disallowed by policy");
        }
    }

    /// <summary>The project a create is for: the token's, or another one for admins only.</summary>
    public static string ProjectFor(CallerContext caller, NeutronBody body, string rule)
    {
        var asked = body.String("project_id") ?? body.String("tenant_id");
        if (asked is null || asked == caller.ProjectId)
        {
            return caller.ProjectId;
        }

        AdminOnly(caller, true, rule);
        return asked;
    }
}
