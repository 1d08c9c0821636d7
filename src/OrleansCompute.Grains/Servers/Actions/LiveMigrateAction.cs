using OrleansCompute.Catalog;
using OrleansCompute.Migrations;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>
/// os-migrateLive: the same vm_state on the host chosen at the start. A migration record, <c>running</c> while the
/// driver moves the server (what force_complete and abort act on), then <c>completed</c>, or <c>error</c>.
/// </summary>
internal sealed class LiveMigrateAction : ServerAction
{
    private static readonly string[] LiveType = [MigrationTypes.LiveMigration];

    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        host.Migrations.RecordAroundAsync(host.Live, MigrationTypes.LiveMigration, MigrationStatuses.Running, newFlavorId: null,
            () => host.BeginTransitionAsync(row, command), () => host.LiveMigrationTarget);

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        host.State.Resize = null;
        host.ChooseDestination(server, command.Host);
        return server;
    }

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        host.LiveMigrationTarget is { } target ? ended with { Host = target, Node = target } : ended;

    public override Task FinishedAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Completed, host.LiveMigrationTarget, LiveType);

    public override Task DiscardAsync(IServerActionHost host, ServerActionCommand command) =>
        host.Migrations.AdvanceAsync(host.ServerId, MigrationStatuses.Error, null, LiveType);
}
