using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api;

/// <summary>What every compute API handler needs from the request: the microversion, the caller and links.</summary>
internal sealed record ComputeRequest(ApiVersion Version, CallerContext Caller, ComputeLinks Links)
{
    public static ComputeRequest From(HttpContext context)
    {
        var version = context.Features.Get<MicroversionFeature>()?.Version ?? ApiVersion.Minimum;
        var caller = context.Caller();
        if (context.GetRouteValue("project_id") is string project && !string.Equals(project, caller.ProjectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.BadRequest($"Malformed request URL: URL's project_id '{project}' doesn't match Context's project_id '{caller.ProjectId}'");
        }

        return new ComputeRequest(version, caller, ComputeLinks.For(context));
    }
}
