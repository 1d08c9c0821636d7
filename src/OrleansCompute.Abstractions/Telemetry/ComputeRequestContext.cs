using Orleans.Runtime;

namespace OrleansCompute.Telemetry;

/// <summary>
/// Carries the request id of the HTTP request a grain call serves in Orleans' <c>RequestContext</c>, which travels
/// with every call (and the calls it makes), so that a grain's logs can name the request that caused them.
/// </summary>
public static class ComputeRequestContext
{
    /// <summary>The <c>RequestContext</c> key.</summary>
    public const string RequestIdKey = "compute.request_id";

    /// <summary>Sets the request id for the calls made from here on in this asynchronous flow.</summary>
    public static void SetRequestId(string requestId) => RequestContext.Set(RequestIdKey, requestId);

    /// <summary>The request id the current grain call serves, or null (reminders, timers, start-up).</summary>
    public static string? RequestId => RequestContext.Get(RequestIdKey) as string;
}
