using Microsoft.AspNetCore.Http;
using OrleansCompute.Consoles;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Consoles;

/// <summary>
/// Issues a console of one type for a server, as Nova's compute API does for remote-consoles and the legacy
/// os-get*Console actions: the server must be on a host and not being deleted or moved, then a token valid for
/// ten minutes and a URL on this host's web console (<c>/console/servers/{id}/{protocol}?token=...</c>).
/// </summary>
internal static class ConsoleIssuer
{
    /// <summary>Nova's <c>[consoleauth]token_ttl</c> default.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Console types by protocol, and the port the fake hypervisor reports for each.</summary>
    private static readonly Dictionary<string, (string Protocol, int Port)> Types = new(StringComparer.Ordinal)
    {
        ["novnc"] = ("vnc", 5900),
        ["spice-html5"] = ("spice", 5901),
        ["serial"] = ("serial", 10000),
        ["webmks"] = ("mks", 8902),
    };

    /// <summary>Whether <paramref name="type"/> is a console of <paramref name="protocol"/> that this host serves.</summary>
    public static bool Serves(string protocol, string type) => Types.TryGetValue(type, out var known) && known.Protocol == protocol;

    public static async Task<string> IssueAsync(IGrainFactory grains, HttpContext context, ServerSnapshot server, string type, TimeProvider clock)
    {
        if (!Types.TryGetValue(type, out var console))
        {
            throw ComputeFaultException.BadRequest($"Invalid console type {type}");
        }

        if (server.Host is null)
        {
            throw ComputeFaultException.Conflict($"Instance {server.Id} is not ready");
        }

        if (server.TaskState is "deleting" or "migrating")
        {
            throw ComputeFaultException.Conflict(
                $"Cannot 'get_{console.Protocol}_console' instance {server.Id} while it is in task_state {server.TaskState}");
        }

        var token = Guid.NewGuid().ToString();
        await grains.GetGrain<IConsoleAuthTokenGrain>(ConsoleTokenKey.For(token)).IssueAsync(new ConsoleAuthorization
        {
            InstanceUuid = server.Id,
            Host = server.Host,
            Port = console.Port,
            ConsoleType = type,
            ExpiresAt = clock.GetUtcNow() + TokenLifetime,
            ProjectId = server.ProjectId,
        });
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}/console/servers/{server.Id}/{console.Protocol}?token={token}";
    }
}
