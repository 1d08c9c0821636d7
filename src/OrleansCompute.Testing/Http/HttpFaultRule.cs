namespace OrleansCompute.Testing.Http;

/// <summary>
/// One HTTP fault rule (what Mimic offers its users): requests whose method and path match are answered with
/// <see cref="Status"/> and Nova's fault body, delayed by <see cref="Latency"/>, or have their connection dropped
/// (<see cref="Abort"/>); at most <see cref="Times"/> times, each with <see cref="Probability"/>. A rule with only a
/// latency delays the request and lets the endpoint answer it.
/// </summary>
public sealed record HttpFaultRule
{
    /// <summary>The HTTP method to match (GET, POST...); null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// A route template matched against the request path, for example <c>/v2.1/servers/{id}</c>,
    /// <c>/v2.1/servers/{id}/action</c> or <c>/v2.1/{**any}</c> (everything under <c>/v2.1</c>).
    /// </summary>
    public required string Path { get; init; }

    /// <summary>Answer with this status and Nova's fault body (<c>{"serviceUnavailable": {"code": 503, ...}}</c>); null: the endpoint answers.</summary>
    public int? Status { get; init; }

    /// <summary>The fault message of <see cref="Status"/>.</summary>
    public string Message { get; init; } = "Injected fault.";

    /// <summary>Seconds sent in <c>Retry-After</c> with <see cref="Status"/>; null sends none.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Added before the answer, in real time (the client's own timeouts run in real time).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Drop the connection without an answer (the client sees a reset or an ended response).</summary>
    public bool Abort { get; init; }

    /// <summary>How many requests the rule applies to; null: every matching request.</summary>
    public int? Times { get; init; }

    /// <summary>The chance (0 to 1) that a matching request is affected; 1 (the default) affects each one.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>A rule answering matching requests with <paramref name="status"/> and Nova's fault body.</summary>
    /// <param name="method">The method to match; null for any.</param>
    /// <param name="path">The route template to match.</param>
    /// <param name="status">The status to answer with.</param>
    public static HttpFaultRule Respond(string? method, string path, int status) => new() { Method = method, Path = path, Status = status };

    /// <summary>A rule delaying matching requests by <paramref name="latency"/>.</summary>
    /// <param name="method">The method to match; null for any.</param>
    /// <param name="path">The route template to match.</param>
    /// <param name="latency">The delay.</param>
    public static HttpFaultRule Delay(string? method, string path, TimeSpan latency) => new() { Method = method, Path = path, Latency = latency };

    /// <summary>A rule dropping the connection of matching requests.</summary>
    /// <param name="method">The method to match; null for any.</param>
    /// <param name="path">The route template to match.</param>
    public static HttpFaultRule Drop(string? method, string path) => new() { Method = method, Path = path, Abort = true };

    /// <summary>Checks the rule before it is added: a bad rule is refused at once rather than never matching.</summary>
    internal void Validate()
    {
        if (Probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Probability), Probability, "A probability is between 0 and 1.");
        }

        if (Status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(Status), Status, "A fault status is 4xx or 5xx.");
        }

        if (Times is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Times), Times, "A rule applies at least once; remove it instead.");
        }

        if (Status is null && !Abort && Latency <= TimeSpan.Zero)
        {
            throw new ArgumentException("A rule needs a status, a latency or Abort.", nameof(Status));
        }
    }
}
