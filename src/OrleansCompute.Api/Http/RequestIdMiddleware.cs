using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>
/// Gives every request Nova's <c>req-&lt;uuid&gt;</c> id and returns it in <c>x-compute-request-id</c> and
/// <c>x-openstack-request-id</c>. The id is also the request's TraceIdentifier, so logs carry it.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var requestId = "req-" + Guid.NewGuid().ToString();
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["x-compute-request-id"] = requestId;
            context.Response.Headers["x-openstack-request-id"] = requestId;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
