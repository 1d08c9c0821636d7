using OrleansCompute.Catalog;

namespace OrleansCompute.Servers.Actions;

/// <summary>Cold migrate: a resize to the same flavor on another host.</summary>
internal sealed class MigrateAction : MigrationAction
{
    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        RecordResize(host, server, server.Flavor, host.ChooseDestination(server, command.Host));
        return server;
    }
}
