namespace OrleansCompute.Api.Limits;

/// <summary>
/// Per-project request rate limits (<c>Compute:RateLimit</c>), off by default as in Nova (which has none of its own):
/// a fixed window of <see cref="PermitLimit"/> requests every <see cref="WindowSeconds"/> for each project. Requests
/// without a caller (the identity service, version documents) are not limited here.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Compute:RateLimit";

    public bool Enabled { get; set; }

    /// <summary>Requests one project may make in one window.</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>The window's length in seconds.</summary>
    public double WindowSeconds { get; set; } = 1;
}
