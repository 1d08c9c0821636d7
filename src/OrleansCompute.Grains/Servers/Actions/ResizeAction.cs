using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Migrations;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>resize: the quota moves first (the grain's <c>BeginResizeAsync</c>); the new flavor is Nova's checks' to refuse.</summary>
internal sealed class ResizeAction : MigrationAction
{
    public override Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        RecordedStartAsync(host, MigrationTypes.Resize, host.Catalog.FindFlavor(command.FlavorRef ?? "")?.Id, () => host.BeginResizeAsync(row, command));

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        var flavor = host.Catalog.FindFlavor(command.FlavorRef ?? "")
            ?? throw ComputeFaultException.BadRequest("Unable to locate requested flavor.");
        if (string.Equals(flavor.Id, server.Flavor.Id, StringComparison.Ordinal))
        {
            throw ComputeFaultException.BadRequest("When resizing, instances must change flavor!");
        }

        if (flavor.DiskGb == 0 && server.Flavor.DiskGb != 0)
        {
            throw ComputeFaultException.BadRequest("Resize to zero disk flavor is not allowed.");
        }

        // Nova's allow_resize_to_same_host: the fake cloud resizes in place.
        RecordResize(host, server, FlavorSnapshot.From(flavor), server.Host);
        // Nova sets the requested disk config on the instance with the resize's first task state.
        return server with { DiskConfig = command.DiskConfig ?? server.DiskConfig };
    }
}
