using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// The part of an action that is not data in its lifecycle row: how it starts, its own rules, an end it computes,
/// what it changes besides the server. The defaults are the generic transition; an action overrides only what it
/// does differently, in one small type per action (or per family: the two resizes, the two snapshots).
/// </summary>
internal abstract class ServerAction
{
    /// <summary>A driver-backed transition with nothing of its own.</summary>
    public static ServerAction Transition { get; } = new TransitionAction();

    /// <summary>Starts the action (from the API, or from a deadline's reminder).</summary>
    public virtual Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.BeginTransitionAsync(row, command);

    /// <summary>The action's own rules, after the table's checks and inside the commit, and what it changes at once.</summary>
    public virtual ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage) => server;

    /// <summary>The fault for a request while <paramref name="pending"/> runs; null for Nova's usual 409.</summary>
    public virtual ComputeFaultException? Busy(PendingOperation pending) => null;

    /// <summary>A row whose phases and end follow this one's phases in the same operation; null for none.</summary>
    public virtual ServerTransition? ContinueWith(ServerLifecycleOptions options) => null;

    /// <summary>Where it ends: <paramref name="ended"/> has the row's end state already; <paramref name="before"/> is the server before the end.</summary>
    public virtual ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) => ended;

    /// <summary>What the end changes in the stored state besides the server and the row's deadlines.</summary>
    public virtual void Ended(ServerState state)
    {
    }

    /// <summary>What a driver failure changes in the stored state besides the server.</summary>
    public virtual void Failed(ServerState state)
    {
    }

    /// <summary>After the driver work succeeded, before the end is written.</summary>
    public virtual Task FinishedAsync(IServerActionHost host, ServerActionCommand command) => Task.CompletedTask;

    /// <summary>The driver work failed, or a delete or reset abandoned it: undo what the start made outside the grain.</summary>
    public virtual Task DiscardAsync(IServerActionHost host, ServerActionCommand command) => Task.CompletedTask;

    private sealed class TransitionAction : ServerAction;
}
