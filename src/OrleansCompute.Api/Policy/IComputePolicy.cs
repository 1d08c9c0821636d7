using OrleansCompute.Identity;

namespace OrleansCompute.Api.Policy;

/// <summary>Nova's policy enforcer: decides whether a caller may apply a named rule to a target.</summary>
public interface IComputePolicy
{
    /// <summary>
    /// Whether the rule allows the caller; the target defaults to the caller's own project and user, which is
    /// what Nova passes for everything that is not an existing server.
    /// </summary>
    bool IsAllowed(CallerContext caller, string rule, PolicyTarget? target = null);

    /// <summary>Throws Nova's 403 "Policy doesn't allow <c>rule</c> to be performed." when the rule denies.</summary>
    void Authorize(CallerContext caller, string rule, PolicyTarget? target = null);
}
