using OrleansCompute.Identity;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// The policy-governed fields of a server view (<c>OS-EXT-SRV-ATTR:*</c>, <c>host_status</c>), decided as Nova's
/// view builder does: the rule is checked per server with the server's project as the target, so a policy file
/// that grants them to project members shows them on the member's own servers only. A page usually holds one
/// project's servers, so the last decision is remembered; one instance serves one request.
/// </summary>
internal sealed class ServerFieldPolicy(IComputePolicy? policy, CallerContext caller)
{
    private readonly Decision _extendedAttributes = new(ComputePolicies.ExtendedServerAttributes);
    private readonly Decision _hostStatus = new(ComputePolicies.ServersShowHostStatus);

    public bool ShowsExtendedAttributes(string projectId) => Decide(_extendedAttributes, projectId);

    public bool ShowsHostStatus(string projectId) => Decide(_hostStatus, projectId);

    private bool Decide(Decision decision, string projectId)
    {
        if (decision.ProjectId != projectId)
        {
            // Without a policy (views rendered outside a request, as in benchmarks) Nova's defaults: admins only.
            decision.Allowed = policy?.IsAllowed(caller, decision.Rule, new PolicyTarget(projectId, null)) ?? caller.IsAdmin;
            decision.ProjectId = projectId;
        }

        return decision.Allowed;
    }

    private sealed class Decision(string rule)
    {
        public string Rule { get; } = rule;
        public string? ProjectId { get; set; }
        public bool Allowed { get; set; }
    }
}
