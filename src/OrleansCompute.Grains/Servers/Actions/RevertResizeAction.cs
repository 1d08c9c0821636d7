using OrleansCompute.Migrations;

namespace OrleansCompute.Servers.Actions;

/// <summary>revertResize: back to the vm_state, power, flavor and host the server had before the resize.</summary>
internal sealed class RevertResizeAction : ResizeSettlementAction
{
    protected override string SettledStatus => MigrationStatuses.Reverted;

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        host.State.Resize is { } resize
            ? ended with
            {
                VmState = resize.PreviousVmState,
                PowerState = resize.PreviousPowerState,
                Flavor = resize.OldFlavor,
                Host = resize.SourceHost,
                Node = resize.SourceHost,
            }
            : ended;
}
