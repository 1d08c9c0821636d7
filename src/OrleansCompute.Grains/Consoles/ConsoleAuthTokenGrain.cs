namespace OrleansCompute.Consoles;

/// <summary>
/// A console token's authorization, in memory: tokens live ten minutes (Nova's token_ttl) and an idle activation
/// outlives that, while a restart only makes a client ask for a new console, as Nova's clients do on expiry.
/// </summary>
[GrainType("compute-console-token")]
internal sealed class ConsoleAuthTokenGrain(ComputeClock clock) : Grain, IConsoleAuthTokenGrain
{
    private ConsoleAuthorization? _authorization;

    public Task IssueAsync(ConsoleAuthorization authorization)
    {
        _authorization = authorization;
        // Keep the activation (and so the token) at least as long as the token is valid.
        DelayDeactivation(authorization.ExpiresAt - clock.UtcNow);
        return Task.CompletedTask;
    }

    public Task<ConsoleAuthorization?> FindAsync() =>
        Task.FromResult(_authorization is { } found && found.ExpiresAt > clock.UtcNow ? found : null);
}
