using OrleansCompute.Driver;

namespace OrleansCompute.Servers.Lifecycle;

/// <summary>
/// One driver operation of a transition and the task_states the server shows while it runs, in order: the
/// first is set (and persisted) when the action is accepted, the others follow the driver's progress.
/// </summary>
public sealed record TransitionPhase(DriverOperation Operation, IReadOnlyList<string> TaskStates);
