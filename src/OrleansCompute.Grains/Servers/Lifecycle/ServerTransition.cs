using OrleansCompute.Faults;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// One row of the lifecycle table (<see cref="ServerLifecycle"/>): what Nova's API checks before an action
/// (<c>check_instance_lock</c>, <c>check_instance_host</c>, <c>check_instance_state</c>), what the server shows
/// while it runs, the driver operations, where it ends and where a failure leaves it.
/// </summary>
public sealed record ServerTransition
{
    /// <summary>The action.</summary>
    public required ServerActionKind Action { get; init; }

    /// <summary>The action's name in Nova's 409 message "Cannot '&lt;name&gt;' instance ...".</summary>
    public required string ConflictName { get; init; }

    /// <summary>Nova's instance action name in the action log; null for actions Nova does not log.</summary>
    public string? InstanceAction { get; init; }

    /// <summary>Nova's compute event name recorded under the action (<c>compute_stop_instance</c>, ...).</summary>
    public string? Event { get; init; }

    /// <summary>Allowed vm_states; null accepts any.</summary>
    public IReadOnlySet<string>? VmStates { get; init; }

    /// <summary>Allowed task_states (null inside the set is "idle"); a null set accepts any.</summary>
    public IReadOnlySet<string?>? TaskStates { get; init; } = ServerLifecycle.Idle;

    /// <summary>Nova's <c>must_have_launched</c>: 409 with attr <c>launched_at</c> for a server never launched.</summary>
    public bool MustHaveLaunched { get; init; } = true;

    /// <summary>Nova's <c>check_instance_host</c>: 409 "Instance ... is not ready" without a host.</summary>
    public bool MustHaveHost { get; init; }

    /// <summary>Nova's <c>check_instance_lock</c>: 409 "Instance ... is locked" for a non-admin on a locked server.</summary>
    public bool ChecksLock { get; init; } = true;

    /// <summary>The policy rule when the default policy is admin only (403 for others); null for member rules.</summary>
    public string? AdminPolicy { get; init; }

    /// <summary>The driver operations, in order; empty for synchronous actions.</summary>
    public IReadOnlyList<TransitionPhase> Phases { get; init; } = [];

    /// <summary>The vm_state it ends in; null when it keeps the vm_state it had or the action decides (see the row).</summary>
    public string? EndVmState { get; init; }

    /// <summary>The power_state it ends in; null when it keeps it or the action decides.</summary>
    public int? EndPowerState { get; init; }

    /// <summary>Where a driver failure leaves it.</summary>
    public FailureOutcome OnFailure { get; init; } = FailureOutcome.Revert;

    /// <summary>The task_state set when the action is accepted (null for actions that do not show one).</summary>
    public string? FirstTaskState => Phases.SelectMany(p => p.TaskStates).FirstOrDefault();

    /// <summary>
    /// Nova's state checks in Nova's order: host, vm_state, task_state, launched_at. Throws the 409 fault Nova
    /// answers with.
    /// </summary>
    public void EnsureAllowed(ServerSnapshot server)
    {
        if (MustHaveHost && string.IsNullOrEmpty(server.Host))
        {
            throw ComputeFaultException.Conflict($"Instance {server.Id} is not ready");
        }

        if (VmStates is not null && !VmStates.Contains(server.VmState))
        {
            throw InvalidState(server.Id, "vm_state", server.VmState);
        }

        if (TaskStates is not null && !TaskStates.Contains(server.TaskState))
        {
            throw InvalidState(server.Id, "task_state", server.TaskState ?? "None");
        }

        if (MustHaveLaunched && server.LaunchedAt is null)
        {
            throw InvalidState(server.Id, "launched_at", "None");
        }
    }

    /// <summary>Whether <see cref="EnsureAllowed"/> passes (lock and policy aside).</summary>
    public bool Allows(ServerSnapshot server)
    {
        try
        {
            EnsureAllowed(server);
            return true;
        }
        catch (ComputeFaultException)
        {
            return false;
        }
    }

    private ComputeFaultException InvalidState(Guid id, string attribute, string state) =>
        ComputeFaultException.Conflict($"Cannot '{ConflictName}' instance {id} while it is in {attribute} {state}");
}
