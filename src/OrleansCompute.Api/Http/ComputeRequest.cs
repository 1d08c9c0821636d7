using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api;

/// <summary>
/// What every compute API handler needs from the request: the microversion, the caller, links, and the policy
/// (null outside a request: Nova's defaults then decide, as for views rendered by benchmarks and shape tests).
/// </summary>
internal sealed record ComputeRequest(ApiVersion Version, CallerContext Caller, ComputeLinks Links, IComputePolicy? Policy = null)
{
    private ServerFieldPolicy? _fields;

    /// <summary>Which policy-governed server fields this caller sees (decided per server project, remembered).</summary>
    public ServerFieldPolicy Fields => _fields ??= new ServerFieldPolicy(Policy, Caller);

    /// <summary>Whether the rule allows the caller for its own project; Nova's default (admin only) without a policy.</summary>
    public bool IsAllowed(string rule, PolicyTarget? target = null) => Policy?.IsAllowed(Caller, rule, target) ?? Caller.IsAdmin;

    /// <summary>Nova's 403 "Policy doesn't allow ..." unless the rule allows the caller.</summary>
    public void Authorize(string rule, PolicyTarget? target = null)
    {
        if (!IsAllowed(rule, target))
        {
            throw ComputeFaultException.Forbidden($"Policy doesn't allow {rule} to be performed.");
        }
    }

    public static ComputeRequest From(HttpContext context)
    {
        var version = context.Features.Get<MicroversionFeature>()?.Version ?? ApiVersion.Minimum;
        var caller = context.Caller();
        if (context.GetRouteValue("project_id") is string project && !string.Equals(project, caller.ProjectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.BadRequest($"Malformed request URL: URL's project_id '{project}' doesn't match Context's project_id '{caller.ProjectId}'");
        }

        return new ComputeRequest(version, caller, ComputeLinks.For(context), context.RequestServices.GetService<IComputePolicy>());
    }
}
