using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Testing.Inspection;

/// <summary>The requests the endpoint received, in the order they completed.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Every request recorded so far.</summary>
    public IReadOnlyList<RecordedRequest> All => [.. _requests];

    /// <summary>The requests with this method whose path is <paramref name="path"/> (compared without case).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The exact path.</param>
    public IReadOnlyList<RecordedRequest> Matching(string method, string path) =>
        [.. _requests.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Forgets the recorded requests.</summary>
    public void Clear() => _requests.Clear();

    internal void Add(RecordedRequest request) => _requests.Enqueue(request);

    internal static void MarkFault(HttpContext context, int faultId, bool dropped) => context.Items[typeof(RequestLog)] = (faultId, dropped);

    internal static (int? FaultId, bool Dropped) FaultOf(HttpContext context) =>
        context.Items.TryGetValue(typeof(RequestLog), out var value) && value is (int id, bool dropped) ? (id, dropped) : (null, false);
}
