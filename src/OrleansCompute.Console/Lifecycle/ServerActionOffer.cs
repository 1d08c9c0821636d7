using OrleansCompute.Servers;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.WebConsole.Lifecycle;

/// <summary>
/// Which actions a server's state allows, read from the lifecycle table (<see cref="ServerLifecycle"/>), the rules
/// the grain itself enforces: an action that would be a 409 (state, task, never launched, no host, locked) or a 403
/// (admin-only policy) is not offered. Read-only: the console only reads the table, the API still decides.
/// </summary>
public static class ServerActionOffer
{
    public static IReadOnlyList<ConsoleAction> For(ServerState server, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.Deleted)
        {
            return [];
        }

        return ConsoleAction.All.Where(a => Allows(ServerLifecycle.For(a.Kind), server, isAdmin) && Applies(a, server)).ToList();
    }

    /// <summary>The forms (actions with parameters) the state allows, by the same table and rules as the buttons.</summary>
    public static IReadOnlyList<ParameterAction> FormsFor(ServerState server, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Deleted ? [] : ParameterAction.All.Where(a => Allows(ServerLifecycle.For(a.Kind), server, isAdmin)).ToList();
    }

    private static bool Allows(ServerTransition row, ServerState server, bool isAdmin)
    {
        if (row.AdminPolicy is not null && !isAdmin)
        {
            return false;
        }

        // A member does not see the host: a launched server that is not offloaded has one.
        var hasHost = server.Host is { Length: > 0 } || (server.Host is null && server.Launched && server.VmState != VmState.ShelvedOffloaded);
        return (!row.MustHaveHost || hasHost)
            && (row.VmStates is null || row.VmStates.Contains(server.VmState))
            && (row.TaskStates is null || row.TaskStates.Contains(server.TaskState))
            && (!row.MustHaveLaunched || server.Launched)
            && (!row.ChecksLock || !server.Locked || isAdmin);
    }

    /// <summary>Pairs where the table allows both but only one makes sense to show (lock when unlocked, ...).</summary>
    private static bool Applies(ConsoleAction action, ServerState server) => action.Kind switch
    {
        Servers.Actions.ServerActionKind.Lock => !server.Locked,
        Servers.Actions.ServerActionKind.Unlock => server.Locked,
        // Nova's forceDelete is for a soft-deleted server; DELETE covers the rest.
        Servers.Actions.ServerActionKind.ForceDelete => server.VmState == VmState.SoftDeleted,
        _ => true,
    };
}
