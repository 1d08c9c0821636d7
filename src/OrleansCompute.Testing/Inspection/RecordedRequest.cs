namespace OrleansCompute.Testing.Inspection;

/// <summary>A request the endpoint received, as <see cref="RequestLog"/> recorded it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path (without the query).</param>
/// <param name="Query">The query string, with its leading <c>?</c>, or empty.</param>
/// <param name="Status">The status answered (0 when the connection was dropped before an answer).</param>
/// <param name="FaultId">The <see cref="Http.HttpFault.Id"/> of the rule that affected it, or null.</param>
/// <param name="ReceivedAt">When it arrived, in real time.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, int? FaultId, DateTimeOffset ReceivedAt);
