using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>rescue: with the rescue image the body names, which must exist.</summary>
internal sealed class RescueAction : ServerAction
{
    public override async Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        await host.BeginTransitionAsync(row, command, await host.FindActionImageAsync(command.RescueImageRef, command.Caller));

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage) =>
        command.RescueImageRef is { } rescueImage && actionImage is null
            ? throw ComputeFaultException.BadRequest($"Image {rescueImage} could not be found.")
            : server;
}
