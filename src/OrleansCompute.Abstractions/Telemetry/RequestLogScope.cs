using System.Collections;

namespace OrleansCompute.Telemetry;

/// <summary>
/// The logging scope of one compute request: <c>RequestId</c> (Nova's <c>req-…</c> id, the one in the
/// <c>x-openstack-request-id</c> header), opened by the API around each request and by the silo around each grain
/// call made for one. A list of pairs, so that structured formatters write it as a property.
/// </summary>
public sealed class RequestLogScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RequestIdKey = "RequestId";

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(RequestIdKey, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "RequestId:" + requestId;
}
