using OrleansCompute.Catalog;

namespace OrleansCompute.Servers.Actions;

/// <summary>os-migrateLive: the same vm_state on the host chosen at the start.</summary>
internal sealed class LiveMigrateAction : ServerAction
{
    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        host.State.Resize = null;
        host.ChooseDestination(server, command.Host);
        return server;
    }

    public override ServerSnapshot End(IServerActionHost host, ServerSnapshot before, ServerSnapshot ended) =>
        host.LiveMigrationTarget is { } target ? ended with { Host = target, Node = target } : ended;
}
