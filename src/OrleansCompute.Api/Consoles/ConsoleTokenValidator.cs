using OrleansCompute.Consoles;

namespace OrleansCompute.Api.Consoles;

/// <summary>The token check over the token grains, for the web console and os-console-auth-tokens.</summary>
internal sealed class ConsoleTokenValidator(IGrainFactory grains) : IConsoleTokenValidator
{
    public Task<ConsoleAuthorization?> ValidateAsync(string token) =>
        string.IsNullOrEmpty(token)
            ? Task.FromResult<ConsoleAuthorization?>(null)
            : grains.GetGrain<IConsoleAuthTokenGrain>(ConsoleTokenKey.For(token)).FindAsync();
}
