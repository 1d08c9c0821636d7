using Orleans.Concurrency;

namespace OrleansCompute.Consoles;

/// <summary>One console token, keyed by the token's SHA-256 hash (hex): issued once, read until it expires.</summary>
[Alias("compute.IConsoleAuthTokenGrain")]
public interface IConsoleAuthTokenGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task IssueAsync(ConsoleAuthorization authorization);

    /// <summary>The authorization, or null when the token was never issued or has expired.</summary>
    [Alias("Find")]
    [ReadOnly]
    Task<ConsoleAuthorization?> FindAsync();
}
