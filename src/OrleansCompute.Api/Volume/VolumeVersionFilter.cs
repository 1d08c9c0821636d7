using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Auth;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// Around every block storage route: negotiates <c>OpenStack-API-Version: volume 3.N</c> (400 malformed, 406 out
/// of range), names the version served (with Vary) on every answer, errors included, and refuses a project segment
/// that is not the token's (Cinder's 400 "Malformed request url").
/// </summary>
internal sealed class VolumeVersionFilter : IEndpointFilter
{
    public const string Header = "OpenStack-API-Version";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var version = VolumeApiVersion.Minimum;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = "volume " + version;
            context.Response.Headers.Append("Vary", Header);
            return Task.CompletedTask;
        });

        var requested = VolumeApiVersion.Requested(context.Request.Headers[Header].ToString());
        if (requested is { } asked)
        {
            if (asked.Major != 3 || asked.Minor > VolumeApiVersion.MaximumMinor)
            {
                throw new ComputeFaultException(406, $"Version {asked.Major}.{asked.Minor} is not supported by the API. Minimum is 3.0 and maximum is {VolumeApiVersion.Maximum}.");
            }

            version = new VolumeApiVersion(asked.Minor);
        }

        if (context.Request.RouteValues.TryGetValue("project_id", out var project)
            && !string.Equals(project as string, context.Caller().ProjectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.BadRequest("Malformed request url");
        }

        VolumeRequest.Set(context, new VolumeRequest(context, version));
        return await next(invocation);
    }
}
