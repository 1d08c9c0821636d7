using OrleansCompute.Faults;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// confirmResize and revertResize: both settle the resize context and its migration record (to
/// <see cref="SettledStatus"/>); neither runs while a confirm does.
/// </summary>
internal abstract class ResizeSettlementAction : ServerAction
{
    /// <summary>The migration record's status once settled: <c>confirmed</c> or <c>reverted</c>.</summary>
    protected abstract string SettledStatus { get; }

    public override ComputeFaultException? Busy(PendingOperation pending) =>
        pending.Action == ServerActionKind.ConfirmResize ? ComputeFaultException.BadRequest("Instance has not been resized.") : null;

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, SettledStatus, null, MigrationAction.ResizeTypes);

    public override void Ended(ServerState state) => state.Resize = null;
}
