using OrleansCompute.Migrations;

namespace OrleansCompute.Servers.Actions;

/// <summary>confirmResize: stopped if the server is powered off, else active.</summary>
internal sealed class ConfirmResizeAction : ResizeSettlementAction
{
    protected override string SettledStatus => MigrationStatuses.Confirmed;

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        ended with { VmState = before.PowerState == PowerState.Shutdown ? VmState.Stopped : VmState.Active };
}
