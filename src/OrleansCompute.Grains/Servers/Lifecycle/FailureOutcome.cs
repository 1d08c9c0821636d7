namespace OrleansCompute.Servers.Lifecycle;

/// <summary>Where a failed driver operation leaves the server, as Nova's compute manager leaves it.</summary>
public enum FailureOutcome
{
    /// <summary>vm_state <c>error</c>, task_state null, the fault recorded (Nova's <c>_set_instance_obj_error_state</c>).</summary>
    Error,

    /// <summary>task_state back to null, vm_state unchanged, the fault recorded (Nova's <c>@reverts_task_state</c>).</summary>
    Revert,
}
