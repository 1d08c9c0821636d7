using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.ImageService;

/// <summary>Every refusal of an image route (from the API or an image grain) leaves as Glance's fault, not Nova's.</summary>
internal sealed class GlanceFaultFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ComputeFaultException fault) when (fault.StatusCode < 500 && !context.HttpContext.Response.HasStarted)
        {
            return GlanceFault.Result(context.HttpContext, fault.StatusCode, fault.Message);
        }
        catch (BadHttpRequestException bad) when (!context.HttpContext.Response.HasStarted)
        {
            return bad.StatusCode == 413
                ? GlanceFault.Result(context.HttpContext, 413, "Request is too large.")
                : GlanceFault.Result(context.HttpContext, 400, "Malformed request body.");
        }
    }
}
