using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Auth;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// Policy checks from inside a handler, for rules that depend on the request (an action's name, an admin-only
/// filter or field): <c>context.Authorize(rule)</c>, <c>context.IsAllowed(rule)</c>, and
/// <c>await context.AuthorizeServerAsync(rule, id)</c>.
/// </summary>
public static class HttpContextPolicyExtensions
{
    public static IComputePolicy ComputePolicy(this HttpContext context) => context.RequestServices.GetRequiredService<IComputePolicy>();

    /// <summary>Whether the caller passes the rule for its own project (admin-only fields and filters).</summary>
    public static bool IsAllowed(this HttpContext context, string rule) => context.ComputePolicy().IsAllowed(context.Caller(), rule);

    /// <summary>403 unless the caller passes the rule for its own project.</summary>
    public static void Authorize(this HttpContext context, string rule) => context.ComputePolicy().Authorize(context.Caller(), rule);

    /// <summary>
    /// 403 unless the caller passes the rule; but when it does not, a server the caller cannot see is 404
    /// first, as Nova looks the server up before it checks the policy. The server's project is the target only
    /// through visibility: a caller sees another project's servers only as an admin.
    /// </summary>
    public static async Task AuthorizeServerAsync(this HttpContext context, string rule, string serverId)
    {
        var caller = context.Caller();
        var policy = context.ComputePolicy();
        if (policy.IsAllowed(caller, rule))
        {
            return;
        }

        if (!Guid.TryParse(serverId, out var id))
        {
            throw ComputeFaultException.NotFound($"Instance {serverId} could not be found.");
        }

        // Throws 404 when the server does not exist or belongs to a project the caller cannot see.
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IServerGrain>(id).GetAsync(caller);
        policy.Authorize(caller, rule);
    }
}
