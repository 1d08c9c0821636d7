using OrleansCompute.Faults;

namespace OrleansCompute.Servers.Actions;

/// <summary>confirmResize and revertResize: both settle the resize context; neither runs while a confirm does.</summary>
internal abstract class ResizeSettlementAction : ServerAction
{
    public override ComputeFaultException? Busy(PendingOperation pending) =>
        pending.Action == ServerActionKind.ConfirmResize ? ComputeFaultException.BadRequest("Instance has not been resized.") : null;

    public override void Ended(ServerState state) => state.Resize = null;
}
