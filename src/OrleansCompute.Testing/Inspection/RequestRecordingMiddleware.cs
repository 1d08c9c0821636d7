using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Testing.Inspection;

/// <summary>Records every request in the <see cref="RequestLog"/> once it is answered (or dropped).</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, RequestLog log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Real time, not the test's fake clock: the order and spacing of what a client did.
        var received = TimeProvider.System.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            var (faultId, dropped) = RequestLog.FaultOf(context);
            var status = dropped ? 0 : context.Response.StatusCode;
            log.Add(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", status, faultId, received));
        }
    }
}
