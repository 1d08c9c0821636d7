using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// One row of the lifecycle table (<see cref="ServerLifecycle"/>), the whole transition of one action: what Nova's
/// API checks before it (<c>check_instance_lock</c>, <c>check_instance_host</c>, <c>check_instance_state</c>, the
/// policy rule), what the server shows while it runs, the driver operations, where it ends, the deadline it sets
/// and the resource hooks it runs, where a failure leaves it, and the names it is logged and notified under.
/// What cannot be data is the row's <see cref="Handler"/>.
/// </summary>
public sealed record ServerTransition
{
    /// <summary>The action.</summary>
    public required ServerActionKind Action { get; init; }

    /// <summary>The action's name in Nova's 409 message "Cannot '&lt;name&gt;' instance ...".</summary>
    public required string ConflictName { get; init; }

    /// <summary>Nova's policy rule (a <see cref="OrleansCompute.Policy.ComputePolicies"/> constant, the one the API checks).</summary>
    public required string Policy { get; init; }

    /// <summary>Whom Nova's default for <see cref="Policy"/> lets in; the grain's check when the API did not decide.</summary>
    public DefaultAccess Access { get; init; } = DefaultAccess.ProjectMember;

    /// <summary>Whether <c>POST /servers/{id}/action</c> may ask for it (false for the deletes and the reclaim).</summary>
    public bool IsApiAction { get; init; } = true;

    /// <summary>Nova's instance action name in the action log; null for actions Nova does not log.</summary>
    public string? InstanceAction { get; init; }

    /// <summary>Nova's compute event name recorded under the action (<c>compute_stop_instance</c>, ...); its notifications are <c>instance.&lt;action&gt;.start/end</c> from the task_states.</summary>
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

    /// <summary>Whether it interrupts an operation in flight (hard reboot) instead of waiting for it (409).</summary>
    public bool SupersedesOperation { get; init; }

    /// <summary>The policy rule when the default policy is above project member (admin, or project manager); null for member rules.</summary>
    public string? AdminPolicy => Access == DefaultAccess.ProjectMember ? null : Policy;

    /// <summary>The driver operations, in order; empty for synchronous actions.</summary>
    public IReadOnlyList<TransitionPhase> Phases { get; init; } = [];

    /// <summary>The vm_state it ends in; null when it keeps the vm_state it had or the handler decides.</summary>
    public string? EndVmState { get; init; }

    /// <summary>The power_state it ends in; null when it keeps it or the handler decides.</summary>
    public int? EndPowerState { get; init; }

    /// <summary>The deadline (and reminder) the end sets.</summary>
    public ServerDeadline? SetsDeadline { get; init; }

    /// <summary>The deadlines (and reminders) the end clears.</summary>
    public IReadOnlyList<ServerDeadline> ClearsDeadlines { get; init; } = [];

    /// <summary>The resource hooks run, in order, once the end is persisted.</summary>
    public IReadOnlyList<ServerHook> Hooks { get; init; } = [];

    /// <summary>Where a driver failure leaves it.</summary>
    public FailureOutcome OnFailure { get; init; } = FailureOutcome.Revert;

    /// <summary>The action's own behaviour that is not data (its start, its own rules, an end it computes).</summary>
    internal ServerAction Handler { get; init; } = ServerAction.Transition;

    /// <summary>The task_state set when the action is accepted (null for actions that do not show one).</summary>
    public string? FirstTaskState => Phases.SelectMany(p => p.TaskStates).FirstOrDefault();

    /// <summary>
    /// Nova's state checks in Nova's order: host, vm_state, task_state, launched_at. Throws the 409 fault Nova
    /// answers with.
    /// </summary>
    public void EnsureAllowed(ServerSnapshot server) =>
        StateCheck.Ensure(server, ConflictName, MustHaveHost, VmStates, TaskStates, MustHaveLaunched);
}
