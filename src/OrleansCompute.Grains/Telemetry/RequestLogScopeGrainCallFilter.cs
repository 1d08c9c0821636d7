using Microsoft.Extensions.Logging;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Telemetry;

/// <summary>
/// Opens the <c>RequestId</c> logging scope around every grain call made for an HTTP request (the id travels in
/// Orleans' <c>RequestContext</c>), so that a grain's log lines, and those of the background work it starts during
/// the call, carry the id the client saw in <c>x-openstack-request-id</c>. Calls without one pass straight through.
/// </summary>
public sealed class RequestLogScopeGrainCallFilter(ILogger<RequestLogScopeGrainCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ComputeRequestContext.RequestId is not { } requestId)
        {
            await context.Invoke();
            return;
        }

        using var scope = logger.BeginScope(new RequestLogScope(requestId));
        await context.Invoke();
    }
}
