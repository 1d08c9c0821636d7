using OrleansCompute.Catalog;
using OrleansCompute.Migrations;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>Cold migrate: a resize to the same flavor on another host.</summary>
internal sealed class MigrateAction : MigrationAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        RecordedStartAsync(host, MigrationTypes.Migration, newFlavorId: null, () => host.BeginTransitionAsync(row, command));

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        RecordResize(host, server, server.Flavor, host.ChooseDestination(server, command.Host));
        return server;
    }
}
