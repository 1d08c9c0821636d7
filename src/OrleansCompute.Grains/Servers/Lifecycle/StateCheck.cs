using OrleansCompute.Faults;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>Nova's <c>check_instance_host</c> and <c>check_instance_state</c>, shared by action and write rows.</summary>
internal static class StateCheck
{
    /// <summary>Host, vm_state, task_state, launched_at, in Nova's order; throws the 409 Nova answers with.</summary>
    public static void Ensure(ServerSnapshot server, string conflictName, bool mustHaveHost, IReadOnlySet<string>? vmStates, IReadOnlySet<string?>? taskStates, bool mustHaveLaunched)
    {
        if (mustHaveHost && string.IsNullOrEmpty(server.Host))
        {
            throw ComputeFaultException.Conflict($"Instance {server.Id} is not ready");
        }

        if (vmStates is not null && !vmStates.Contains(server.VmState))
        {
            throw InvalidState(conflictName, server.Id, "vm_state", server.VmState);
        }

        if (taskStates is not null && !taskStates.Contains(server.TaskState))
        {
            throw InvalidState(conflictName, server.Id, "task_state", server.TaskState ?? "None");
        }

        if (mustHaveLaunched && server.LaunchedAt is null)
        {
            throw InvalidState(conflictName, server.Id, "launched_at", "None");
        }
    }

    private static ComputeFaultException InvalidState(string conflictName, Guid id, string attribute, string state) =>
        ComputeFaultException.Conflict($"Cannot '{conflictName}' instance {id} while it is in {attribute} {state}");
}
