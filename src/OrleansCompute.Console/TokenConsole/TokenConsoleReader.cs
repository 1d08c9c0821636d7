using Orleans;
using OrleansCompute.Consoles;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;
using OrleansCompute.WebConsole.Endpoints;

namespace OrleansCompute.WebConsole.TokenConsole;

/// <summary>
/// Reads the console of the server a console token was issued for. This is the one place the web console reads a
/// grain instead of the public API: a console URL carries no user token (the console token is its only credential,
/// as with Nova's serial and noVNC proxies), so there is no user to call the API as. Nova's proxy reaches the
/// hypervisor directly for the same reason; here the server grain stands in for it, called as the server's own
/// project and nothing more.
/// </summary>
internal sealed class TokenConsoleReader(IGrainFactory grains)
{
    /// <summary>The server's name, or null when it is gone (deleted, or no longer the token's project's).</summary>
    public async Task<string?> NameAsync(ConsoleAuthorization authorization)
    {
        try
        {
            return (await Server(authorization).GetAsync(CallerOf(authorization))).Name;
        }
        catch (ComputeFaultException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>The whole console log; nothing yet while the server has no host (409); the end when it is gone.</summary>
    public async Task<ConsoleLogRead> ReadAsync(ConsoleAuthorization authorization)
    {
        try
        {
            return new ConsoleLogRead(await Server(authorization).GetConsoleOutputAsync(CallerOf(authorization), length: null), null);
        }
        catch (ComputeFaultException e) when (e.StatusCode == 409)
        {
            return new ConsoleLogRead(null, null);
        }
        catch (ComputeFaultException e) when (e.StatusCode is 404 or 403)
        {
            return new ConsoleLogRead(null, e.Message);
        }
    }

    private IServerGrain Server(ConsoleAuthorization authorization) => grains.GetGrain<IServerGrain>(authorization.InstanceUuid);

    private static CallerContext CallerOf(ConsoleAuthorization authorization) => new()
    {
        UserId = "console-token",
        // A token without a project (issued before it was recorded) sees nothing: the grain answers 404.
        ProjectId = authorization.ProjectId ?? "",
        RequestId = "req-" + Guid.NewGuid(),
    };
}
