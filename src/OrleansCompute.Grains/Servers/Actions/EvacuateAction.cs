using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// evacuate: the server is rebuilt on the host the start claimed (kept in the pending command, so a resumed
/// evacuation ends on the same host). It ends as a rebuild does, stopped if it was stopped, else active; from
/// 2.95 always stopped. A failure leaves it in ERROR on its old host and gives the new host's claim back.
/// </summary>
internal sealed class EvacuateAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.BeginEvacuateAsync(row, command);

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended)
    {
        var command = host.State.Pending?.Command;
        var moved = command?.Host is { } target
            ? ended with { Host = target, Node = target, AvailabilityZone = command.AvailabilityZone ?? ended.AvailabilityZone }
            : ended;
        return command is { EvacuateStopped: true } || before.VmState == VmState.Stopped
            ? moved with { VmState = VmState.Stopped, PowerState = PowerState.Shutdown }
            : moved with { VmState = VmState.Active, PowerState = PowerState.Running };
    }

    public override Task DiscardAsync(IServerActionHost host, ServerActionCommand command) =>
        command.Host is { } target ? host.ReleaseHostClaimAsync(target) : Task.CompletedTask;
}
