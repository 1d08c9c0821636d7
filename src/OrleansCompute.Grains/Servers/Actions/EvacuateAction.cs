using OrleansCompute.Migrations;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// evacuate: the server is rebuilt on the host the start claimed (kept in the pending command, so a resumed
/// evacuation ends on the same host). It ends as a rebuild does, stopped if it was stopped, else active; from
/// 2.95 always stopped. A failure leaves it in ERROR on its old host and gives the new host's claim back. Each is a
/// migration record of type evacuation, as Nova's: <c>accepted</c> at the start, <c>done</c> or <c>failed</c> at the end.
/// </summary>
internal sealed class EvacuateAction : ServerAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.Migrations.RecordAroundAsync(
            host.Live, MigrationTypes.Evacuation, MigrationStatuses.Accepted, newFlavorId: null,
            () => host.BeginEvacuateAsync(row, command), () => host.State.Pending?.Command?.Host);

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Done, command.Host, MigrationTypes.Evacuation);

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

    public override async Task DiscardAsync(IServerActionHost host, ServerActionCommand command)
    {
        if (command.Host is { } target)
        {
            await host.ReleaseHostClaimAsync(target);
        }

        await host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Failed, null, MigrationTypes.Evacuation);
    }
}
